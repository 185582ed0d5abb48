using System.Text.RegularExpressions;

namespace OpinionResponse.Domain.Grouping;

/// <summary>
/// What letters, hotline notes and official notices say whatever the matter ("尊敬的镇领导您好，我是北岸镇居民",
/// "来电人反映：", "望有关部门尽快解决", "特此通知"): two texts that share it share nothing. Two parts: a fixed list of
/// patterns, and the clauses that the stored corpus shows to be everywhere (learned: see <see cref="Learn"/>).
/// </summary>
public sealed partial class Boilerplate
{
    private readonly HashSet<string> _learned;

    public Boilerplate(IEnumerable<string>? learnedClauseKeys = null)
    {
        _learned = new HashSet<string>(learnedClauseKeys ?? [], StringComparer.Ordinal);
    }

    public static Boilerplate PatternsOnly { get; } = new();

    /// <summary>Clause keys learned from the corpus (for the record and the tests).</summary>
    public IReadOnlyCollection<string> Learned => _learned;

    /// <summary>Folded text without boilerplate; the remaining clauses are joined with "。".</summary>
    public string Strip(string folded)
    {
        var text = Patterns().Replace(KnownFrames.Default.Strip(folded), "。");
        if (_learned.Count == 0)
        {
            return text;
        }

        return string.Join('。', MatterText.Clauses(text).Where(c => !_learned.Contains(MatterText.ClauseKey(c))));
    }

    /// <summary>
    /// Learns the clauses found in at least <paramref name="minDocuments"/> documents and at least
    /// <paramref name="minFraction"/> of all: sentences that many different items repeat are templates, not content.
    /// Only clauses of 4+ letters count, so a shared place name or a short word never becomes boilerplate.
    /// </summary>
    public static Boilerplate Learn(IEnumerable<string> foldedTexts, int minDocuments, double minFraction)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 0;
        foreach (var text in foldedTexts)
        {
            documents++;
            foreach (var key in MatterText.Clauses(Patterns().Replace(KnownFrames.Default.Strip(text), "。")).Select(MatterText.ClauseKey).Where(k => k.Length >= 4).Distinct())
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var floor = Math.Max(minDocuments, (int)Math.Ceiling(minFraction * documents));
        return new Boilerplate(counts.Where(kv => kv.Value >= floor).Select(kv => kv.Key));
    }

    // Openings, closings and notice templates, on folded text (half-width punctuation, no whitespace).
    [GeneratedRegex(
        @"(尊敬|敬爱|亲爱)的[^，,。！!：:]{0,12}?(领导|书记|镇长|主任|同志|工作人员|政府|网友|居民|朋友们?)[^，,。！!：:]{0,4}?(您们?好|你们?好|好)?[，,！!：:]?" +
        @"|(领导|书记|镇长|主任)?(您们?好|你们?好)[，,！!：:]" +
        @"|我是[^，,。！!：:]{0,16}?(的)?(居民|村民|业主|群众|市民|网友|家长|住户|老百姓|一名[^，,。]{0,6}?)[，,。！!]" +
        @"|(来电人|来电群众|群众来电|来电|市民来电|网友|网民|群众)(反映|称|表示|留言|来信|咨询)[：:,，]?" +
        @"|(来电人|来电群众|网友|网民)" +
        @"|(望|希望|恳请|请|恳求|强烈要求|要求)(有关|相关)?(部门|领导|政府|单位|镇里)[^。！!?？]{0,20}?(解决|处理|重视|关注|答复|回复|调查|核实|查处|整改|落实)[^。！!?？]{0,6}" +
        @"|(盼|期待|等待)(回复|答复|早日解决)" +
        @"|(谢谢|感谢|此致敬礼|此致|敬礼|特此通知|特此公告|特此通报|特此说明|以上情况属实|麻烦了|辛苦了)[！!。]*" +
        @"|现将有关(事项|情况)(通知|公告|通报|说明)如下[：:]?" +
        @"|(给您|给大家|给广大[^，,。]{0,4}?)带来(的)?不便[，,]?(敬请|请)谅解" +
        @"|(不便之处|不便)[，,]?敬请(谅解|理解)" +
        @"|请广大(居民|群众|市民|村民|业主)[^。！!]{0,30}[。！!]?" +
        @"|(各位|广大)(居民|业主|村民|市民|群众)(朋友)?[：:,，]" +
        @"|(北岸镇)?(人民政府|人民政府办公室|政府办)?\d{4}年\d{1,2}月\d{1,2}日$" +
        @"|转发(微博)?[：:]" +
        @"|\[(视频|图片|附图|图)\]|(附图|附视频|附照片)")]
    private static partial Regex Patterns();
}
