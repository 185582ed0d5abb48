using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpinionResponse.Infrastructure.Import;

/// <summary>The columns an import understands; the names are those of <c>ItemSubmission</c>'s properties.</summary>
public enum ImportField
{
    Channel,
    Title,
    Content,
    Url,
    Author,
    SourceName,
    PublishedAt,
    Views,
    Shares,
    Comments,
    Likes,
    MediaPickup,
    Location,
    ExternalId,
    Contact,
}

/// <summary>Where each known column is, found from the header row.</summary>
/// <param name="HeaderRow">The header's row number; data rows are the rows after it.</param>
/// <param name="Headers">The header texts as written, by column.</param>
/// <param name="Ignored">Header texts that name no known column (shown to the user, not imported).</param>
public sealed record SheetLayout(int HeaderRow, IReadOnlyDictionary<ImportField, int> Columns, IReadOnlyList<string?> Headers, IReadOnlyList<string> Ignored)
{
    public int? ColumnOf(ImportField field) => Columns.TryGetValue(field, out var column) ? column : null;

    public string HeaderOf(ImportField field) => ColumnOf(field) is { } column && column < Headers.Count ? Headers[column] ?? string.Empty : string.Empty;
}

/// <summary>
/// Header names as the desk's template (Chinese) and monitoring vendors' exports write them, in Chinese and English.
/// Compared after folding width (ＵＲＬ = URL), case, spaces, required-marks (*) and bracketed notes ("发布时间（北京时间）").
/// </summary>
public static partial class ImportColumns
{
    /// <summary>The template's headers, in its column order.</summary>
    public static IReadOnlyList<(ImportField Field, string Header)> Template { get; } =
    [
        (ImportField.Channel, "渠道"),
        (ImportField.Title, "标题"),
        (ImportField.Content, "内容"),
        (ImportField.Url, "链接"),
        (ImportField.Author, "作者"),
        (ImportField.SourceName, "来源"),
        (ImportField.PublishedAt, "发布时间"),
        (ImportField.Views, "浏览量"),
        (ImportField.Shares, "转发量"),
        (ImportField.Comments, "评论量"),
        (ImportField.Likes, "点赞量"),
        (ImportField.MediaPickup, "主流媒体转载"),
        (ImportField.Location, "地点"),
        (ImportField.ExternalId, "外部编号"),
    ];

    private static readonly Dictionary<string, ImportField> Aliases = BuildAliases();

    public static ImportField? Recognize(string? header) =>
        header is not null && Aliases.TryGetValue(Normalize(header), out var field) ? field : null;

    /// <summary>The header row: the first of the top rows that names the content column and at least one other known column.</summary>
    public static SheetLayout? FindLayout(IReadOnlyList<SheetRow> rows, ImportLimits limits)
    {
        foreach (var row in rows.Take(limits.MaxRowsBeforeHeader + 1))
        {
            var columns = new Dictionary<ImportField, int>();
            var ignored = new List<string>();
            for (var c = 0; c < row.Cells.Count; c++)
            {
                if (string.IsNullOrWhiteSpace(row.Cells[c]))
                {
                    continue;
                }

                if (Recognize(row.Cells[c]) is { } field)
                {
                    columns.TryAdd(field, c);
                }
                else
                {
                    ignored.Add(row.Cells[c]!.Trim());
                }
            }

            if (columns.ContainsKey(ImportField.Content) && columns.Count >= 2)
            {
                return new SheetLayout(row.Number, columns, row.Cells.Select(h => h?.Trim()).ToArray(), ignored);
            }
        }

        return null;
    }

    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).Trim();
        folded = BracketedNote().Replace(folded, string.Empty);
        var builder = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (!char.IsWhiteSpace(ch) && ch is not ('*' or '_' or '-' or '.' or ':' or '：'))
            {
                builder.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static Dictionary<string, ImportField> BuildAliases()
    {
        var names = new Dictionary<ImportField, string[]>
        {
            [ImportField.Channel] = ["渠道", "渠道类型", "信息渠道", "来源渠道", "媒体类型", "平台", "平台类型", "channel", "channel type", "platform", "media type"],
            [ImportField.Title] = ["标题", "信息标题", "主题", "title", "subject", "headline"],
            [ImportField.Content] = ["内容", "正文", "信息内容", "内容摘要", "摘要", "全文", "原文", "content", "text", "body", "summary"],
            [ImportField.Url] = ["链接", "网址", "原文链接", "文章链接", "链接地址", "url", "link", "address url"],
            [ImportField.Author] = ["作者", "发布人", "发布者", "发帖人", "博主", "昵称", "来电人", "author", "poster", "author / caller", "user", "nickname"],
            [ImportField.SourceName] = ["来源", "来源名称", "来源网站", "站点", "网站", "媒体", "媒体名称", "信息来源", "source", "source name", "site", "website", "outlet"],
            [ImportField.PublishedAt] = ["发布时间", "发表时间", "发布日期", "发帖时间", "时间", "published at", "published", "publish time", "date", "time", "datetime"],
            [ImportField.Views] = ["浏览量", "浏览数", "阅读量", "阅读数", "点击量", "播放量", "views", "reads", "clicks"],
            [ImportField.Shares] = ["转发量", "转发数", "分享数", "分享量", "shares", "reposts", "forwards", "retweets"],
            [ImportField.Comments] = ["评论量", "评论数", "回复数", "跟帖数", "回复量", "comments", "replies"],
            [ImportField.Likes] = ["点赞量", "点赞数", "赞", "likes"],
            [ImportField.MediaPickup] = ["主流媒体转载", "媒体转载", "转载媒体", "主流媒体", "media pickup", "mainstream media pickup", "pickup"],
            [ImportField.Location] = ["地点", "地区", "属地", "位置", "所在地", "location", "place", "region"],
            [ImportField.ExternalId] = ["外部编号", "编号", "信息编号", "原始编号", "信息id", "id", "external id", "item id"],
            [ImportField.Contact] = ["联系方式", "联系电话", "电话", "contact", "phone"],
        };
        var aliases = new Dictionary<string, ImportField>(StringComparer.Ordinal);
        foreach (var (field, list) in names)
        {
            foreach (var name in list.Append(field.ToString()))
            {
                aliases[Normalize(name)] = field;
            }
        }

        return aliases;
    }

    [GeneratedRegex(@"[\(\[【].*?[\)\]】]")]
    private static partial Regex BracketedNote();
}
