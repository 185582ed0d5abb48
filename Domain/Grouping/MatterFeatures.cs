using System.Text.RegularExpressions;

namespace OpinionResponse.Domain.Grouping;

/// <summary>A word as the segmenter cut it, with its part-of-speech tag (jieba's: nr person, nt organisation, …).</summary>
public readonly record struct Token(string Word, string Tag);

/// <summary>Chinese word segmentation (jieba.NET behind it, in Infrastructure); the domain only needs the words.</summary>
public interface IWordSegmenter
{
    IReadOnlyList<Token> Cut(string text);
}

/// <summary>What one item says, as the same-matter score compares it. Built once per item and kept in the index.</summary>
public sealed class MatterFeatures
{
    public required int ItemId { get; init; }

    /// <summary>Published (or else collected) time in UTC; null when unknown (the evaluation file has no times).</summary>
    public DateTime? At { get; init; }

    /// <summary>Canonical names of the places named.</summary>
    public required string[] Places { get; init; }

    /// <summary>
    /// Places said by their kind word alone (去广场 in a town with one square): evidence of the same place when the other
    /// text names it, never of another place (the kind word may stand for a place the gazetteer does not know).
    /// </summary>
    public string[] KindPlaces { get; init; } = [];

    public required string[] Categories { get; init; }

    public required string[] People { get; init; }

    public required string[] Organisations { get; init; }

    /// <summary>Numbers with their unit ("3栋", "800米", "dn300").</summary>
    public required string[] Numbers { get; init; }

    /// <summary>Calendar dates as written, normalised ("6月3日").</summary>
    public required string[] Dates { get; init; }

    /// <summary>Places named by their form, also those the gazetteer does not know (<see cref="PlaceMentions"/>).</summary>
    public string[] Mentions { get; init; } = [];

    /// <summary>Short names said of a place (桂香二期 → 桂香): the same place as a named one they begin (<see cref="PlaceMentions.Heads"/>).</summary>
    public string[] Heads { get; init; } = [];

    /// <summary>
    /// The longer clauses (a hash of each) with their words: two items sharing a clause word for word share a frame (a
    /// template sentence), and are scored on the rest (<see cref="MatterScorer"/>).
    /// </summary>
    public ClauseWords[] Clauses { get; init; } = [];

    /// <summary>Content words and their counts (the IDF is applied when scoring, so it can be refreshed).</summary>
    public required Dictionary<string, int> Words { get; init; }

    /// <summary>Squared norm of the IDF-weighted word vector, cached per IDF generation.</summary>
    internal double NormSquared { get; set; } = -1;

    internal int NormGeneration { get; set; } = -1;
}

/// <summary>A clause of an item (<see cref="MatterText.ClauseKey"/> hashed) and the content words cut from it.</summary>
public readonly record struct ClauseWords(int Hash, string[] Words);

/// <summary>Turns an item's text into <see cref="MatterFeatures"/>: boilerplate out, places, problems, names, numbers, words.</summary>
public sealed partial class MatterFeatureExtractor(IWordSegmenter segmenter, Gazetteer gazetteer, ProblemCategories categories, Boilerplate boilerplate)
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "我们", "你们", "他们", "自己", "这个", "那个", "这些", "那些", "什么", "怎么", "为什么", "没有", "不是", "就是", "还是", "已经",
        "现在", "今天", "昨天", "明天", "前天", "这几天", "最近", "时候", "一下", "一直", "一个", "问题", "情况", "反映", "有关", "部门",
        "尽快", "解决", "处理", "希望", "请问", "能不能", "可以", "可能", "到底", "真的", "知道", "大家", "东西", "地方", "北岸", "北岸镇",
        "镇里", "镇上", "镇政府", "政府", "领导", "居民", "群众", "村民", "业主", "网友", "来电", "来电人", "市民", "而且", "但是", "因为",
        "所以", "如果", "还有", "以后", "之前", "之后", "一些", "很多", "非常", "特别", "根本", "经常", "每天", "天天", "好几", "几天",
        "表示", "告诉", "说是", "听说", "目前", "要求", "联系", "电话", "没人", "管管", "不管", "出来", "起来", "进去", "上去", "下来",
    };

    /// <summary>Letters a clause needs to count as a possible frame sentence ("感谢您对我镇工作的关心和支持" has 13).</summary>
    public const int MinFrameClause = 8;

    public MatterFeatures Extract(int itemId, string title, string content, DateTime? at)
    {
        var folded = MatterText.Fold(string.IsNullOrWhiteSpace(title) ? content : $"{title}。{content}");
        var text = boilerplate.Strip(folded);
        var places = gazetteer.Match(text);
        var placeNames = places.Where(p => !p.ByKind).Select(p => p.Canonical).Distinct(StringComparer.Ordinal).ToArray();
        var kindPlaces = places.Where(p => p.ByKind).Select(p => p.Canonical).Distinct(StringComparer.Ordinal).Except(placeNames).ToArray();
        var placeWords = places.Select(p => p.Text).ToHashSet(StringComparer.Ordinal);
        var mentions = PlaceMentions.Find(text);

        // A place the gazetteer does not know (桃源小区) is already scored as a place; its words (桃源, 小区) counted again
        // in the cosine would make any two texts about that place look alike, whatever each says happened there.
        var mentionNames = mentions.Where(k => k.StartsWith("n:", StringComparison.Ordinal)).Select(k => k[2..]).ToArray();

        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var people = new HashSet<string>(StringComparer.Ordinal);
        var organisations = new HashSet<string>(StringComparer.Ordinal);
        var clauses = new List<ClauseWords>();
        foreach (var clause in MatterText.Clauses(text))
        {
            var key = MatterText.ClauseKey(clause);
            var clauseWords = key.Length >= MinFrameClause ? new List<string>() : null;
            foreach (var token in segmenter.Cut(clause))
            {
                var word = token.Word;
                if (word.Length < 2 || placeWords.Contains(word) || StopWords.Contains(word) || !HasCjkOrLetter(word) || InAny(mentionNames, word))
                {
                    continue;
                }

                clauseWords?.Add(word);

                if (token.Tag == "nr" && word.Length is 2 or 3)
                {
                    people.Add(word);
                }
                else if (token.Tag == "nt" || OrganisationSuffix().IsMatch(word))
                {
                    organisations.Add(word);
                }

                words[word] = words.GetValueOrDefault(word) + 1;
            }

            if (clauseWords is not null)
            {
                clauses.Add(new ClauseWords(string.GetHashCode(key, StringComparison.Ordinal), [.. clauseWords]));
            }
        }

        foreach (Match m in Honorific().Matches(text))
        {
            people.Add(m.Value);
        }

        return new MatterFeatures
        {
            ItemId = itemId,
            At = at,
            Places = placeNames,
            KindPlaces = kindPlaces,
            Categories = [.. categories.Find(PlaceMentions.WithoutBusLines(text))],
            People = [.. people],
            Organisations = [.. organisations.Where(o => !placeWords.Contains(o))],
            Numbers = [.. NumberWithUnit().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal)],
            Dates = [.. CalendarDate().Matches(text).Select(m => m.Value.Replace('号', '日')).Distinct(StringComparer.Ordinal)],
            Words = words,
            Mentions = [.. mentions.Select(Canonical)],
            Heads = PlaceMentions.Heads(text),
            Clauses = [.. clauses],
        };
    }

    /// <summary>
    /// A name the gazetteer knows as a whole, under its canonical name (翠湖苑 = 翠湖小区), so aliases never conflict; a name
    /// read with a character of the word before it (查老街 in 检查老街) is the gazetteer's name it ends with.
    /// </summary>
    private string Canonical(string key)
    {
        if (!key.StartsWith("n:", StringComparison.Ordinal))
        {
            return key;
        }

        var name = key[2..];
        return gazetteer.CanonicalOf(name) is { } canonical ? "n:" + canonical
            : name.Length >= 3 && gazetteer.CanonicalOfFullName(name[1..]) is { } tail ? "n:" + tail
            : key;
    }

    private static bool InAny(string[] names, string word)
    {
        foreach (var name in names)
        {
            if (name.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasCjkOrLetter(string word)
    {
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(公司|物业|营业所|派出所|供电所|卫生院|医院|居委会|村委会|管理局|管理处|执法队|大队|中队|工厂|厂家|印染厂|中心)$")]
    private static partial Regex OrganisationSuffix();

    [GeneratedRegex(@"[\u4e00-\u9fa5](先生|女士|师傅|大爷|阿姨|老师|医生|书记|主任)")]
    private static partial Regex Honorific();

    [GeneratedRegex(@"(dn)?\d+(\.\d+)?(栋|幢|号楼|单元|号|米|公里|户|元|吨|岁|层|路|组|家|名|人|平方米|平米|万)")]
    private static partial Regex NumberWithUnit();

    [GeneratedRegex(@"(\d{4}年)?\d{1,2}月\d{1,2}[日号]")]
    private static partial Regex CalendarDate();
}
