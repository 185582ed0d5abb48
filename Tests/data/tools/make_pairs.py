#!/usr/bin/env python3
"""Builds Tests/data/pairs.tsv, the labelled near-duplicate set of issue 4 (and issue 5's mechanical-edit kinds).

dup pairs: one hand-written base post (posts.txt) and a mechanical edit of it (repost, comment, excerpt,
punctuation, emoji, typo, width, mixed). distinct pairs: two different hand-written posts, paired by what they share
(same place, same template opening, same kind of matter elsewhere). Deterministic: a fixed seed, so the committed file
is exactly what this script prints.

    python3 Tests/data/tools/make_pairs.py > Tests/data/pairs.tsv
"""
import os
import random

SEED = 20261127
HERE = os.path.dirname(os.path.abspath(__file__))


def load_posts():
    posts = []
    with open(os.path.join(HERE, "posts.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            place, matter, template, text = line.split("|", 3)
            posts.append({"place": place, "matter": matter, "template": None if template == "-" else template, "text": text})
    return posts


NAMES = ["北岸小灵通", "北岸镇吃瓜群众", "滨江老王", "江边的风", "临河村小李", "北岸生活圈", "爱北岸", "小镇日报",
         "阿伟不是我", "北岸热心市民", "Kevin_北岸", "一只咸鱼2026", "北岸同城", "镇上的张姐", "路过的网友"]
SHORT = ["扩散", "转需", "求扩散！", "帮转", "关注", "顶上去", "希望早日解决", "同问", "已阅", "支持", "太过分了",
         "马克一下", "求关注", "心疼", "真的假的"]
COMMENTS = [
    "这个问题反映好多次了，一直没人管，希望这次能有个说法。",
    "同样的情况我们那里也有，真的气人！",
    "支持楼主，有关部门赶紧出来回应一下吧",
    "我就住在附近，说的都是真的，每天都这样。",
    "转给相关部门看看，别再推来推去了",
    "这种事情拖下去迟早要出大事，领导们上点心吧。",
    "楼主说得一点没错，我家也一样，已经打过好几次12345了，每次都说记录下来了然后就没有下文。",
    "评论区有没有知道进展的？求更新",
    "我觉得不能光靠发帖，大家可以一起去镇里反映，人多了才有人重视。",
    "又是这个地方，去年就有人说过。",
    "建议直接打市长热线，比在这里发帖管用",
    "看到这个真的很无奈，普通老百姓办点事太难了，希望媒体也能关注一下。",
]
EMOJI = ["😡", "😭", "🙏", "👍", "🔥", "😤", "❗", "💢", "😱", "🤬", "👏", "[怒]", "[泪]", "[doge]", "[吃惊]", "[允悲]", "[抓狂]"]
TYPO = {"的": "地", "地": "的", "得": "的", "在": "再", "再": "在", "已": "以", "以": "已", "做": "作", "象": "像",
        "那": "哪", "哪": "那", "他": "她", "账": "帐", "到": "道", "么": "麽", "里": "理", "候": "后", "快": "块",
        "议": "意", "是": "事", "就": "旧", "水": "谁", "电": "点", "路": "陆", "村": "寸", "工": "公", "部": "步"}
FULL_PUNCT = {"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";", "（": "(", "）": ")", "“": "\"", "”": "\""}


def repost(rng, text):
    name, other = rng.sample(NAMES, 2)
    shape = rng.randrange(7)
    if shape == 0:
        return f"转发微博//@{name}:{text}"
    if shape == 1:
        return f"{rng.choice(SHORT)}//@{name}: {text}"
    if shape == 2:
        return f"【转】{text}"
    if shape == 3:
        return f"{rng.choice(SHORT)}//@{name}://@{other}: {text}"
    if shape == 4:
        return f"转：{text}"
    if shape == 5:
        return f"#北岸镇# 转 @{name}：{text}"
    return f"{text}（转自{rng.choice(['北岸论坛', '北岸镇吧', '小镇日报微博'])}）"


def comment(rng, text):
    c = rng.choice(COMMENTS)
    shape = rng.randrange(4)
    if shape == 0:
        return f"{c}{text}"
    if shape == 1:
        return f"{text} {c}"
    if shape == 2:
        return f"{text}——网友评论：{c}"
    return f"{c}【原帖】{text}"


def excerpt(rng, text):
    n = len(text)
    length = max(12, int(n * rng.uniform(0.45, 0.85)))
    where = rng.randrange(3)
    start = 0 if where == 0 else (n - length if where == 2 else rng.randrange(0, n - length + 1))
    part = text[start:start + length]
    tail = rng.choice(["", "……", "...展开全文", "…全文>>"])
    return part + (tail if start + length < n else "")


def punctuation(rng, text):
    shape = rng.randrange(5)
    if shape == 0:
        return "".join(FULL_PUNCT.get(ch, ch) for ch in text)
    if shape == 1:
        return "".join(ch for ch in text if ch not in "，。！？：；“”、")
    if shape == 2:
        return text.replace("，", " ").replace("。", "！！！")
    if shape == 3:
        return text.replace("。", "。。。").replace("？", "？？？")
    out = []
    for ch in text:
        if ch in "，。" and rng.random() < 0.5:
            out.append(rng.choice(["，", "。", "！", "、", " ", "~", "…"]))
        else:
            out.append(ch)
    return "".join(out)


def emoji(rng, text):
    out = list(text)
    for _ in range(rng.randint(1, 4)):
        out.insert(rng.randint(0, len(out)), rng.choice(EMOJI))
    return "".join(out)


def typo(rng, text):
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        spots = [i for i, ch in enumerate(chars) if ch in TYPO]
        shape = rng.randrange(4)
        if shape < 2 and spots:
            i = rng.choice(spots)
            chars[i] = TYPO[chars[i]]
        elif shape == 2:
            i = rng.randrange(len(chars))
            if "\u4e00" <= chars[i] <= "\u9fff":
                del chars[i]
        else:
            i = rng.randrange(len(chars))
            chars.insert(i, chars[i])
    return "".join(chars)


def width(rng, text):
    def full(ch):
        if "!" <= ch <= "~":
            return chr(ord(ch) + 0xFEE0)
        return ch

    shape = rng.randrange(3)
    if shape == 0:
        # Full width for ASCII, half width for the Chinese punctuation (as a copy through another input method does).
        return "".join(full(ch) if "!" <= ch <= "~" else FULL_PUNCT.get(ch, ch) for ch in text)
    if shape == 1:
        return "".join(FULL_PUNCT.get(ch, ch) for ch in text).upper()
    return "".join(full(ch) if ch.isdigit() else (ch.lower() if ch.isupper() else ch.upper()) for ch in text)


EDITS = {"repost": repost, "comment": comment, "excerpt": excerpt, "punctuation": punctuation, "emoji": emoji,
         "typo": typo, "width": width}


def mixed(rng, text):
    kinds = rng.sample(["repost", "comment", "excerpt", "punctuation", "emoji", "typo", "width"], rng.randint(2, 3))
    # A repost wraps what the reposter saw: edit the text first, then wrap it.
    kinds.sort(key=lambda k: k in ("repost", "comment"))
    for k in kinds:
        text = EDITS[k](rng, text)
    return text


EDITS["mixed"] = mixed
DUP_PER_KIND = 40


def clean(text):
    assert "\t" not in text and "\n" not in text, text
    return text


def main():
    rng = random.Random(SEED)
    posts = load_posts()
    rows = []
    for kind in ["repost", "comment", "excerpt", "punctuation", "emoji", "typo", "width", "mixed"]:
        for post in rng.sample(posts, DUP_PER_KIND):
            a, b = post["text"], EDITS[kind](rng, post["text"])
            while b == a:  # an edit that happened to change nothing is no test: draw again
                b = EDITS[kind](rng, post["text"])
            if rng.random() < 0.5:
                a, b = b, a
            rows.append((kind, "dup", a, b))

    same_place, template, similar = [], [], []
    for i, p in enumerate(posts):
        for q in posts[i + 1:]:
            if p["matter"] == q["matter"] and p["place"] == q["place"]:
                continue  # the same matter at the same place: not a distinct pair
            if p["place"] == q["place"]:
                same_place.append((p, q))
            elif p["template"] and p["template"] == q["template"]:
                template.append((p, q))
            elif p["matter"] == q["matter"] or (p["template"] is None and q["template"] is None):
                similar.append((p, q, p["matter"] == q["matter"]))
    same_matter_elsewhere = [(p, q) for p, q, same in similar if same]
    wording = [(p, q) for p, q, same in similar if not same]
    picks = [("same-place", rng.sample(same_place, min(130, len(same_place)))),
             ("template", rng.sample(template, 110)),
             ("similar", same_matter_elsewhere + rng.sample(wording, 100 - len(same_matter_elsewhere)))]
    for kind, pairs in picks:
        for p, q in pairs:
            rows.append((kind, "distinct", p["text"], q["text"]))

    print("id\tkind\tlabel\ta\tb")
    for n, (kind, label, a, b) in enumerate(rows, 1):
        print(f"p{n:04d}\t{kind}\t{label}\t{clean(a)}\t{clean(b)}")


if __name__ == "__main__":
    main()
