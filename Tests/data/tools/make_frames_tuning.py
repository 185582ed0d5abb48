#!/usr/bin/env python3
"""Builds Tests/data/pairs-frames.tsv: a TUNING split for shared frames (texts in an official or platform frame), written 2026-12-04 after the
untuned set and before any change to the code. Its frames are other wordings than the untuned set's (another
platform, another reply letter, another notice), and its bodies are the tuning set's own posts (posts.txt), so what
is tuned on it says nothing about pairs-unseen.tsv.

    python3 Tests/data/tools/make_frames_tuning.py > Tests/data/pairs-frames.tsv
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

FRAMES = [
    "【问政北岸】网友留言 留言主题：关于身边的问题 留言分类：建议 留言正文：{body} 当前状态：已受理",
    "尊敬的网民朋友：您好！您的来信我们已经收到，经镇里有关部门认真研究，现回复如下：{body}再次感谢您对我们工作的理解和监督。北岸镇政务服务中心",
    "关于近期群众反映事项的情况通报 各社区居委会、各村民委员会：近期群众反映如下事项：{body}请各单位按照职责分工抓紧办理，办理结果于五个工作日内报镇政府办。北岸镇人民政府办公室",
    "市民热线转办单 转办编号：BA-2026-1107 来电时间：上午 问题描述：{body} 处理时限：三个工作日",
]


def posts():
    with open(os.path.join(HERE, "posts.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("|", 3)


def main():
    rows = list(posts())
    out = []
    for f, frame in enumerate(FRAMES):
        for i in range(10):
            a = rows[(f * 23 + i * 7) % len(rows)]
            b = rows[(f * 23 + i * 7 + 3) % len(rows)]
            out.append(("distinct", f"frame{f + 1}", frame.format(body=a[3]), frame.format(body=b[3])))
        for i in range(5):
            a = rows[(f * 31 + i * 11) % len(rows)]
            out.append(("dup", f"frame{f + 1}-wrap", a[3], frame.format(body=a[3])))
    print("id\tkind\tlabel\ta\tb")
    for n, (label, kind, a, b) in enumerate(out, 1):
        print(f"t{n:03d}\t{kind}\t{label}\t{a}\t{b}")


if __name__ == "__main__":
    main()
