using System.Text;
using System.Text.RegularExpressions;

namespace OpinionResponse.Domain.Grouping;

/// <summary>
/// Places a text names that the gazetteer need not know, recognised by their form: a name of two characters before a
/// suffix (红星小区, 育才中学, 花溪路, 复兴村, 长青敬老院), a bus line (8路公交 = 公交8路), and the parts of a place
/// (3号楼 = 三栋, 2单元, 五组). Two texts that each name one the other does not are about different places, however
/// alike their words: the same-matter and near-duplicate stages veto such a pair.
/// </summary>
public static partial class PlaceMentions
{
    // Characters that do not begin or make up a place's own name ("我们小区", "进村", "这条路", "修路").
    // 人 is not among them: 人民路, 人和村 are names (a verb before a suffix, 要求市场监管, is caught by NotAName).
    // 线 and 令 end words before a suffix (电力线路, 责令车站).
    private const string NotInName = "的了在是我你他她它们这那个条些到从往去走马公道修岔小大过上下里外边旁前后镇县市区家楼号门口全本该每各同进出回来车线令"
        + "一二三四五六七八九十两几多半某附近对整栋单元次间或及与";

    // Two-character words that stand before a suffix without being its name: "要求市场监管部门", "进入小区", "垃圾站".
    private static readonly HashSet<string> NotAName = new(StringComparer.Ordinal)
    {
        "要求", "希望", "反映", "建议", "请求", "诉求", "投诉", "举报", "管理", "监管", "进入", "周边", "所在", "位于", "前往", "来到",
        "回到", "经过", "路过", "穿过", "通往", "靠近", "所有", "沿线", "服务", "便民", "中转", "转运", "加油", "充电", "检查", "收费",
        "垃圾", "停车", "城市", "乡镇", "社区", "农村", "整个", "附属", "新建", "老旧", "非法", "无证", "私人", "民办", "公办", "等待",
        "乘客", "旅客", "司机", "学生", "孩子", "老人", "村里", "村民", "居民", "业主", "物业", "开发", "施工", "工地", "马路", "公交",
        "快递", "菜鸟", "农业", "业农", "督促", "民政", "镇政", "市政", "县政", "区政", "乡政", "省政", "排放", "直排", "偷排", "倾倒",
        "中午", "上午", "下午", "晚上", "早上", "时候", "不清", "集中", "经营", "商铺", "中心", "组织", "关于", "对于", "由于", "属于",
        "春季", "夏季", "秋季", "冬季", "造成", "导致", "影响", "恢复", "联系", "通知", "协调", "告知", "包括", "作为", "成为", "责令",
    };

    // A 站 is a place when it is a station or a public facility (汽车站, 高铁站, 客运站, 文化站, 农机站, 粮站), not 到站 or 跳站.
    private const string StationKinds = "车铁运化机粮水电";

    // The last character of a place's kind (东湖村湖边: the lake is 东湖, not 村湖).
    private const string PlaceSuffixChars = "村路街区园苑镇组";

    // Names of a road or street: a shared road does not make two estates or two schools on it one place.
    private static readonly string[] RoadSuffixes = ["大道", "路", "街"];

    /// <summary>
    /// Keys of the places named in folded text (<see cref="MatterText.Fold"/> or <see cref="Similarity.TextNormaliser"/>
    /// output): "n:红星小区", "bus:8", and the parts "part:3栋", "part:2单元", "part:5组".
    /// </summary>
    public static string[] Find(string folded)
    {
        if (folded.Length == 0)
        {
            return [];
        }

        var text = ChineseNumerals().Replace(folded, m => Arabic(m.Groups[1].Value) + m.Groups[2].Value);
        var keys = new List<string>(4);
        foreach (Match m in Bus().Matches(text))
        {
            Add(keys, "bus:" + (m.Groups[1].Success && m.Groups[1].Length > 0 ? m.Groups[1].Value : m.Groups[2].Value));
        }

        foreach (Match m in Part().Matches(text))
        {
            var unit = m.Groups[2].Value is "号楼" or "幢" or "栋" ? "栋" : m.Groups[2].Value;
            Add(keys, $"part:{m.Groups[1].Value}{unit}");
        }

        // A candidate that is no name ("去石桥" in 去石桥村) is given up one character on, so the real name after it is found.
        for (var m = Named().Match(text); m.Success;)
        {
            var (name, suffix) = (m.Groups[1].Value, m.Groups[2].Value);

            // 铺村村委会: the first 村 ends the village's name, the second begins 村委会.
            if (name[^1] != suffix[0] && (suffix == "站" ? IsStation(name) : IsName(name)))
            {
                Add(keys, "n:" + name + Suffix(suffix));
                m = m.NextMatch();
            }
            else
            {
                m = Named().Match(text, m.Index + 1);
            }
        }

        foreach (Match m in JiaVillage().Matches(text))
        {
            // 蔡家铺村, 杨家垸五组: a village named for a family (X家Y) has 家 in its name, which otherwise ends names.
            if (!NotInName.Contains(m.Groups[1].Value[0], StringComparison.Ordinal) && !NotInName.Contains(m.Groups[2].Value[0], StringComparison.Ordinal))
            {
                Add(keys, "n:" + m.Groups[1].Value + "家" + m.Groups[2].Value + "村");
            }
        }

        foreach (Match m in River().Matches(text))
        {
            // 清水河大桥, 清水河边: a river is named by what is said of it (a 河 after two characters is as often 沿河, 排河).
            if (IsName(m.Groups[1].Value))
            {
                Add(keys, "n:" + m.Groups[1].Value + "河");
            }
        }

        foreach (Match m in Water().Matches(text))
        {
            // 南河边, 东湖畔: a river or a lake named by one character, recognised by the bank word after it.
            var river = m.Groups[1].Value + m.Groups[2].Value;
            if (!NotInName.Contains(m.Groups[1].Value[0], StringComparison.Ordinal) && !PlaceSuffixChars.Contains(m.Groups[1].Value[0], StringComparison.Ordinal)
                && !keys.Any(k => k.StartsWith("n:", StringComparison.Ordinal) && k.EndsWith(river, StringComparison.Ordinal)))
            {
                Add(keys, "n:" + river);
            }
        }

        foreach (Match m in NumberedSchool().Matches(text))
        {
            Add(keys, "n:" + m.Value);
        }

        foreach (Match m in VillageGroup().Matches(text))
        {
            // 柳湾三组 is a group of 柳湾村: people drop the 村 that the work order writes.
            if (IsName(m.Groups[1].Value))
            {
                Add(keys, "n:" + m.Groups[1].Value + "村");
            }
        }

        foreach (Match m in NumberedRoad().Matches(text))
        {
            Add(keys, "n:" + m.Value);
        }

        foreach (Match m in DirectionRoad().Matches(text))
        {
            // 环镇东路, 人民北路: a road's name may hold 镇 or 市 (环镇路, 城市路) when a direction follows it. Read as one name,
            // it replaces the half of it the two-character rule found (镇东路 is no name and was not kept; 民北路 would be).
            var name = m.Groups[1].Value;
            if (!NotAName.Contains(name) && name.All(c => c is '镇' or '市' or '县' or '城' || !NotInName.Contains(c, StringComparison.Ordinal)))
            {
                keys.Remove("n:" + m.Value[1..]);
                Add(keys, "n:" + m.Value);
            }
        }

        return [.. keys];
    }

    /// <summary>
    /// The text with its bus lines named without their 公交 (8路公交 → 8路, 公交5路 → 5路): the line is the place, and the
    /// 公交 of its name says nothing of the problem (a line's timetable and the flooding at one of its stops are two
    /// matters). A line written in Chinese numerals (五路公交) keeps it: rare, and left to the place finder, which reads
    /// numerals.
    /// </summary>
    public static string WithoutBusLines(string folded) =>
        folded.Contains("公交", StringComparison.Ordinal) ? BusLineName().Replace(folded, "$1$2路") : folded;

    /// <summary>
    /// Each text names a place or a part the other does not (and they share none of that sort): different places.
    /// One text naming fewer places (an excerpt, a retelling that leaves the building out) is no conflict. Sites (an
    /// estate, a school, a village, a station) are compared apart from roads as well: two estates on one road are two
    /// places, and a road named the same does not join them.
    /// </summary>
    /// <param name="names">False when the pair is known to share a place otherwise (the gazetteer's, under its aliases):
    /// then only parts and bus lines count.</param>
    public static bool Conflict(string[] a, string[] b, bool names = true)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        return ConflictOf(a, b, "part:") || ConflictOf(a, b, "bus:")
            || names && (ConflictOf(a, b, "n:") || SitesConflict(a, b));
    }

    private static bool SitesConflict(string[] a, string[] b)
    {
        string[] sitesA = [.. a.Where(IsSite)], sitesB = [.. b.Where(IsSite)];
        return sitesA.Length > 0 && sitesB.Length > 0 && ConflictOf(sitesA, sitesB, "n:");
    }

    private static bool IsSite(string key) => key.StartsWith("n:", StringComparison.Ordinal) && !IsRoad(key);

    /// <summary>One name inside the other (幸福路垃圾中转站 on 幸福路, 滨江村沿江组 in 滨江村), or the same name.</summary>
    public static bool OneInsideTheOther(ReadOnlySpan<char> x, ReadOnlySpan<char> y) =>
        x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal);

    // 汽车站, 火车站: 车 makes up no other name (下车, 停车), but here it is the kind of station.
    private static bool IsStation(string name) =>
        StationKinds.Contains(name[1], StringComparison.Ordinal) && !NotAName.Contains(name) && !NotInName.Contains(name[0], StringComparison.Ordinal);

    private static bool IsName(string name) =>
        !NotAName.Contains(name)
        && (name.All(c => !NotInName.Contains(c, StringComparison.Ordinal)) || name is "东门" or "西门" or "南门" or "北门");

    /// <summary>
    /// What people call a place in short, two characters before a word that says it is a place (桂香二期, 南坪门口, 御景的物业):
    /// no place on its own, but the same place as a named one it begins (桂香苑, 南坪小学).
    /// </summary>
    public static string[] Heads(string folded)
    {
        List<string>? heads = null;
        foreach (Match m in Head().Matches(folded))
        {
            var head = m.Groups[1].Value;
            if (IsName(head) && (heads is null || !heads.Contains(head)))
            {
                (heads ??= []).Add(head);
            }
        }

        return heads is null ? [] : [.. heads];
    }

    /// <summary>
    /// A named place (or, with <paramref name="sort"/> "", an organisation: 鑫达纺织有限公司 and 鑫达厂) of one text that a
    /// short name of the other begins (桂香苑 and 桂香二期), as shown; null when none.
    /// </summary>
    public static string? SharedByHead(string[] names, string[] heads, string sort = "n:")
    {
        foreach (var head in heads)
        {
            foreach (var name in names)
            {
                if (name.StartsWith(sort, StringComparison.Ordinal) && name.Length > head.Length + sort.Length
                    && name.AsSpan(sort.Length).StartsWith(head, StringComparison.Ordinal))
                {
                    return name[sort.Length..];
                }
            }
        }

        return null;
    }

    /// <summary>
    /// One text names gazetteer places and the other none, but a place of the same sort by its form that is none of them
    /// (王家湾村 and 龙潭村, two villages; a road against an estate may be one place, the estate on the road): another place.
    /// </summary>
    public static bool OtherSite(string[] places, MatterFeatures other)
    {
        if (places.Length == 0 || other.Places.Length > 0)
        {
            return false;
        }

        var any = false;
        foreach (var mention in other.Mentions)
        {
            if (!mention.StartsWith("n:", StringComparison.Ordinal))
            {
                continue;
            }

            var name = mention.AsSpan(2);
            var road = IsRoad(name);
            foreach (var place in places)
            {
                if (OneInsideTheOther(name, place))
                {
                    // One inside the other (滨江村沿江组 in 滨江村): no second place.
                    return false;
                }

                any |= IsRoad(place) == road;
            }
        }

        return any;
    }

    private static bool IsRoad(ReadOnlySpan<char> name)
    {
        foreach (var suffix in RoadSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A place (a named one or a bus line, not a part: every estate has a 3号楼) both name, as shown: "红星小区", "8路公交".</summary>
    public static string? Shared(string[] a, string[] b)
    {
        foreach (var x in a)
        {
            if (!x.StartsWith("part:", StringComparison.Ordinal) && Array.IndexOf(b, x) >= 0)
            {
                return x.StartsWith("bus:", StringComparison.Ordinal) ? $"{x[4..]}路公交" : x[2..];
            }
        }

        return null;
    }

    private static bool ConflictOf(string[] a, string[] b, string sort)
    {
        if (sort == "n:" && a.Any(x => x.StartsWith(sort, StringComparison.Ordinal) && b.Any(y => y.StartsWith(sort, StringComparison.Ordinal) && (OneApart(x, y) || EndsAlike(x, y)))))
        {
            // 农贸市场 and 岸贸市场: one character apart is a typo of one name, not a second place. 看南河 and 南河: the
            // word before a name was read with it, and 清水河 and 水河 are one river.
            return false;
        }

        bool anyA = false, anyB = false, onlyA = false, onlyB = false;
        foreach (var x in a)
        {
            if (x.StartsWith(sort, StringComparison.Ordinal))
            {
                anyA = true;
                if (Array.IndexOf(b, x) < 0)
                {
                    onlyA = true;
                }
                else
                {
                    return false;
                }
            }
        }

        foreach (var y in b)
        {
            if (y.StartsWith(sort, StringComparison.Ordinal))
            {
                anyB = true;
                onlyB |= Array.IndexOf(a, y) < 0;
            }
        }

        return anyA && anyB && onlyA && onlyB;
    }

    private static bool EndsAlike(string x, string y) =>
        x.Length != y.Length && (x.Length > y.Length ? x.EndsWith(y[2..], StringComparison.Ordinal) : y.EndsWith(x[2..], StringComparison.Ordinal));

    private static bool OneApart(string x, string y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        var differ = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                // 一中 and 二中, 3号 and 5号, 人民东路 and 人民西路: another number or direction is another place, never a typo.
                if (IsNumeral(x[i]) || IsNumeral(y[i]) || "东西南北".Contains(x[i], StringComparison.Ordinal) && "东西南北".Contains(y[i], StringComparison.Ordinal))
                {
                    return false;
                }

                differ++;
            }
        }

        return differ <= 1;
    }

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || "零一二三四五六七八九十两百".Contains(c, StringComparison.Ordinal);

    private static void Add(List<string> keys, string key)
    {
        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }

    // One name for one kind of place however it is written: 菜场 = 菜市场, 花园小区 = 花园.
    private static string Suffix(string suffix) => suffix switch
    {
        "菜市场" or "菜场" or "市场" => "市场",
        "花园小区" => "花园",
        "家园小区" => "家园",
        _ => suffix,
    };

    private static string Arabic(string numeral)
    {
        if (numeral.All(char.IsAsciiDigit))
        {
            return numeral;
        }

        static int Digit(char c) => "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal) is var d and >= 0 ? d : c == '两' ? 2 : -1;
        var ten = numeral.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            var builder = new StringBuilder();
            foreach (var c in numeral)
            {
                builder.Append(Digit(c));
            }

            return builder.ToString();
        }

        var tens = ten == 0 ? 1 : Digit(numeral[0]);
        var ones = ten == numeral.Length - 1 ? 0 : Digit(numeral[^1]);
        return (tens * 10 + ones).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"([零一二三四五六七八九十两]{1,3})(号楼|栋|幢|单元|组|路)")]
    private static partial Regex ChineseNumerals();

    [GeneratedRegex(@"(?<![\d.])(\d{1,3})路(?:公交|车|班车|线|末班|首班|最后一班|司机|站台)|公交(?:车)?(\d{1,3})路")]
    private static partial Regex Bus();

    [GeneratedRegex(@"(?<![\d.])(?:(\d{1,3})路公交车?|公交车?(\d{1,3})路)")]
    private static partial Regex BusLineName();

    [GeneratedRegex(@"(?<![\d.])(\d{1,3})(号楼|栋|幢|单元|组)")]
    private static partial Regex Part();

    [GeneratedRegex(@"([\u4e00-\u9fa5]{2})(花园小区|家园小区|公寓|小区|花园|家园|新村|新苑|苑|府(?!办|令|的)|中学(?!生)|小学(?!生)|幼儿园|敬老院|养老院|医院|卫生院|园区|大道|路(?![面灯况基过板径由程费])|街|巷|村|菜市场|菜场|市场(?!监管|监督)|公园|广场(?!舞)|码头|渡口|驿站|片区|站(?![村路街])|桥(?![村路街]))")]
    private static partial Regex Named();

    [GeneratedRegex(@"([\u4e00-\u9fa5])家([\u4e00-\u9fa5])(?=村|\d{1,2}组)")]
    private static partial Regex JiaVillage();

    [GeneratedRegex(@"([\u4e00-\u9fa5]{2})(?<!河)河(?=大桥|桥|边|畔|岸|堤|沿|河边|河堤|河岸)")]
    private static partial Regex River();

    [GeneratedRegex(@"([\u4e00-\u9fa5])(河|湖|塘)(?=边|畔|岸|堤|沿)")]
    private static partial Regex Water();

    [GeneratedRegex(@"[一二三四五六七八九]中(?!学(?!生)|[心国间午])")]
    private static partial Regex NumberedSchool();

    [GeneratedRegex(@"([\u4e00-\u9fa5]{2})(?<!村)\d{1,2}组")]
    private static partial Regex VillageGroup();

    [GeneratedRegex(@"([\u4e00-\u9fa5]{2})(?=门口|大门|后门|南门|北门|东门|西门|[一二三四1-4]期|\d{1,2}(?:栋|幢|号楼)|整个小区|的|物业|业主|顶楼|楼顶|地库|厂|那个|那边|这边|那里|附近|旁边|边上|又)")]
    private static partial Regex Head();

    [GeneratedRegex(@"([\u4e00-\u9fa5]{2})[东西南北中]路(?![面灯况基过])")]
    private static partial Regex DirectionRoad();

    // 327国道, S229省道, X012县道: a road known by its number.
    [GeneratedRegex(@"(?<![\dA-Za-z])[GSXYgsxy]?\d{2,4}(国道|省道|县道|乡道)")]
    private static partial Regex NumberedRoad();
}
