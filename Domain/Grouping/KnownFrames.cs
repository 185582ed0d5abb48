using System.Text.RegularExpressions;

namespace OpinionResponse.Domain.Grouping;

/// <summary>
/// The frames official and platform texts put round their matter, known from the first day (no window needed): a
/// platform's or a work order's labelled fields (【…平台】留言对象：… 留言类型：… 留言内容：…, where only the content field is the
/// matter), the opening and closing of a reply to a citizen (您在…反映的问题已收悉…现答复如下…感谢您对…的关心和支持), and a
/// 公文 notice's title, addressees and closing (关于…的通知 / 各村（社区）、镇直各单位： / 特此通知 / issuer and date). Two
/// texts in one frame share nothing but the frame, so both grouping stages read what is left. The organisation's own
/// templates are data (<c>Grouping:Frames</c>): sentences added there are removed wherever they occur.
/// </summary>
public sealed partial class KnownFrames
{
    private readonly string[] _sentences;

    /// <param name="sentences">The organisation's own fixed sentences (its reply templates' fixed parts), as written.</param>
    public KnownFrames(IEnumerable<string>? sentences = null)
    {
        _sentences = [.. (sentences ?? []).Select(MatterText.Fold).Where(s => s.Length >= 4).OrderByDescending(s => s.Length)];
    }

    public static KnownFrames Default { get; } = new();

    /// <summary>Folded text (<see cref="MatterText.Fold"/>) without its frame.</summary>
    public string Strip(string folded)
    {
        var text = ContentOfFields(folded);
        foreach (var sentence in _sentences)
        {
            text = text.Replace(sentence, "。", StringComparison.Ordinal);
        }

        return Patterns().Replace(text, "。");
    }

    /// <summary>
    /// A labelled record (a platform's message, a work order): the values of its content fields when it has any, else
    /// the text without its metadata fields' labels and values. A field that says where it happened (事发地址: 北岸镇梧桐小区)
    /// is kept with the content: a work order often names the place only there, and the place is half of what the matter is.
    /// </summary>
    private static string ContentOfFields(string folded)
    {
        var labels = FieldLabel().Matches(folded);
        if (labels.Count < 2)
        {
            return folded;
        }

        var content = new List<string>();
        var hasContent = false;
        for (var i = 0; i < labels.Count; i++)
        {
            var start = labels[i].Index + labels[i].Length;
            var end = i + 1 < labels.Count ? labels[i + 1].Index : folded.Length;
            var isContent = labels[i].Groups["content"].Success;
            if (isContent || labels[i].Groups["place"].Success)
            {
                content.Add(folded[start..end]);
                hasContent |= isContent;
            }
        }

        return hasContent ? string.Join('。', content) : FieldLabel().Replace(folded, "。");
    }

    // Labels of the fields of platform messages, hotline work orders and transfer slips (folded: half-width colon).
    [GeneratedRegex(
        @"(?<content>(留言|来信|诉求|反映|问题|投诉|咨询|事项)?(内容|正文|描述|详情)):" +
        @"|(?<place>(事发|发生|问题|诉求|反映|所在)?(地址|地点|位置|所在地)):" +
        @"|(留言|来信|工单|转办|诉求|问题|投诉)?(对象|类型|领域|分类|标题|主题|编号|状态|时间|渠道|来源|地区|区域)" +
        @":|(来电|受理|办理|处理|承办|交办|回复|发布|提交)(人|时间|渠道|单位|部门|要求|时限|期限|状态|结果):|当前状态:")]
    private static partial Regex FieldLabel();

    // Reply letters to a citizen, and 公文 notices: openings, fixed formulas and closings. Folded text.
    [GeneratedRegex(
        @"^【[^】]{1,30}】" +
        @"|(网友|网民|市民|群众|来信人|留言人)(朋友)?(您好|你好)[!,:]?" +
        @"|您(在|于|通过)[^。!]{0,40}?(反映|咨询|留言|提出|来信)(的|反映的)?[^。!,]{0,8}?(问题|事项|建议|诉求)?(已|我们已经?)?(收悉|收到)[,。]?" +
        @"|(您的(来信|留言|诉求)(我们)?已(经)?(收悉|收到)了?[,。]?)" +
        @"|[^。!,]{0,10}?(高度重视|十分重视|非常重视)[,]?[^。!]{0,40}?(调查|核实|研究|处理|办理)[^。!]{0,10}[。,]" +
        @"|(现将?|特将?)?(有关|调查|办理|核实)?(情况)?(答复|回复|函复)如下:" +
        @"|(再次)?(感谢|谢谢)您(对|的)[^。!]{0,30}?(关心|支持|关注|理解|监督|信任)[^。!]{0,12}[。!]?" +
        @"|如(您)?(还)?有(其他|任何)?(疑问|问题|意见)[^。!]{0,50}[。!]" +
        @"|[^。!,:]{0,20}?(人民政府|政府办公室|办公室|委员会)关于" +
        @"|各(村|社区|镇直|居委会|村民委员会|社区居委会|有关|相关)[^。!:]{0,40}?(单位|部门|委员会|居委会)?:" +
        @"|请各[^。!]{0,12}?(高度重视|认真|按照|抓紧|切实|严格)[^。!]{0,80}[。!]" +
        @"|(特此)?(通知|公告|通报)[。!]?$" +
        @"|[\u4e00-\u9fa5]{2,24}?(人民政府|办公室|委员会|中心|服务中心)?\d{4}年\d{1,2}月\d{1,2}日$")]
    private static partial Regex Patterns();
}
