using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Infrastructure.Import;

public enum CellProblemKind
{
    BadChannel,
    BadDate,
    FutureDate,
    BadNumber,
}

/// <summary>A cell that could not be read as its column's kind of value (the rest of the row is still read).</summary>
public sealed record CellProblem(ImportField Field, CellProblemKind Kind, string Value);

public sealed record MappedRow(int Number, ItemSubmission Submission, IReadOnlyList<CellProblem> Problems);

/// <param name="DefaultChannel">For rows whose sheet has no channel column or leaves the cell empty.</param>
/// <param name="CollectedBy">The officer who imports the file.</param>
/// <param name="ChannelNames">More names of channels (the UI's, in every language), folded by <see cref="ImportColumns.Normalize"/>.</param>
/// <param name="Vendor">The monitoring vendor whose export this is, if the officer named it: its own ids are then kept as they are.</param>
public sealed record RowMapping(Channel DefaultChannel, string CollectedBy, DateTime NowUtc, IReadOnlyDictionary<string, Channel>? ChannelNames = null,
    string? Vendor = null);

/// <summary>
/// One spreadsheet row → an <see cref="ItemSubmission"/> of source <see cref="ItemSources.Import"/>. Times without an offset
/// are Beijing time. Counts accept what vendors write (1,234 / 1.2万 / 10万+). Without an external-id column the id is a
/// hash of the channel and the link (or, without a link, the title and content), so importing the same file twice stores
/// each item once. A vendor's own id is kept under the source <c>import:{vendor}</c> when the officer names the vendor;
/// otherwise it is hashed with the row's channel and link or text, so two vendors' "1001" never stand for one item.
/// </summary>
public static partial class ImportRowMapper
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly string[] LocalFormats =
    [
        "yyyy-M-d H:m:s", "yyyy-M-d H:m", "yyyy-M-d", "yyyy-M-d H:m:s.FFFFFFF", "yyyy-M-dTH:m:s", "yyyy-M-dTH:m", "yyyy-M-dTH:m:s.FFFFFFF",
        "yyyyMMddHHmmss", "yyyyMMdd",
    ];

    private static readonly string[] OffsetFormats = LocalFormats.Take(7).Select(f => f + "K").Concat(LocalFormats.Take(7).Select(f => f + " K")).ToArray();

    public static MappedRow Map(SheetRow row, SheetLayout layout, SheetFormat format, RowMapping mapping)
    {
        var problems = new List<CellProblem>();

        string? Text(ImportField field)
        {
            var value = layout.ColumnOf(field) is { } column ? row[column] : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            return value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        }

        long Count(ImportField field)
        {
            var text = Text(field);
            if (text is null)
            {
                return 0;
            }

            if (TryParseCount(text, out var count))
            {
                return count;
            }

            problems.Add(new CellProblem(field, CellProblemKind.BadNumber, text));
            return 0;
        }

        var channel = mapping.DefaultChannel;
        string? platform = null;
        if (Text(ImportField.Channel) is { } channelText)
        {
            // A platform the desk does not know (火山小视频) is kept by name under 其他 rather than refused.
            if (ChannelNames.Resolve(channelText, mapping.ChannelNames) is { } resolved)
            {
                (channel, platform) = (resolved.Channel, resolved.Platform);
            }
            else
            {
                problems.Add(new CellProblem(ImportField.Channel, CellProblemKind.BadChannel, channelText));
            }
        }

        DateTimeOffset? published = null;
        if (Text(ImportField.PublishedAt) is { } timeText)
        {
            published = ParseTime(timeText, allowSerial: format == SheetFormat.Xlsx);
            if (published is null)
            {
                problems.Add(new CellProblem(ImportField.PublishedAt, CellProblemKind.BadDate, timeText));
            }
            else if (published.Value.UtcDateTime > mapping.NowUtc.AddDays(1))
            {
                problems.Add(new CellProblem(ImportField.PublishedAt, CellProblemKind.FutureDate, timeText));
            }
        }

        var title = Text(ImportField.Title) ?? string.Empty;
        var content = Text(ImportField.Content) ?? string.Empty;
        var url = Text(ImportField.Url);
        var sheetId = Text(ImportField.ExternalId);
        var vendorId = sheetId is not null && !string.IsNullOrWhiteSpace(mapping.Vendor);
        var submission = new ItemSubmission
        {
            Channel = channel,
            Platform = platform,
            ExternalId = vendorId ? sheetId : StableId(channel, url, title, content, sheetId),
            Title = title,
            Content = content,
            SourceName = Text(ImportField.SourceName),
            Url = url,
            Author = Text(ImportField.Author),
            Contact = Text(ImportField.Contact),
            PublishedAt = published,
            Views = Count(ImportField.Views),
            Shares = Count(ImportField.Shares),
            Comments = Count(ImportField.Comments),
            Likes = Count(ImportField.Likes),
            MediaPickup = Text(ImportField.MediaPickup) is { } outlets ? SplitOutlets(outlets) : null,
            Location = Text(ImportField.Location),
            CollectedBy = mapping.CollectedBy,
            SourceKey = vendorId ? ItemSources.Imported(mapping.Vendor) : ItemSources.Import,
        };
        return new MappedRow(row.Number, submission, problems);
    }

    /// <summary>
    /// "imp-" and 32 hex digits of SHA-256 over the channel and the link, or the title and content when there is no link;
    /// with the sheet's own id first when it has one but no vendor was named.
    /// </summary>
    public static string StableId(Channel channel, string? url, string title, string content, string? sheetId = null)
    {
        // 短视频 and 新闻客户端 were carved out of 其他: a sheet's 抖音 or 快手 rows went to 其他 before. Hashing them as 其他
        // keeps their ids, so a file imported before is recognised as imported, not taken a second time.
        var family = channel is Channel.ShortVideo or Channel.NewsApp ? Channel.Other : channel;
        var key = url is not null ? $"{family}\nurl\n{url}" : $"{family}\ntext\n{title}\n{content}";
        key = sheetId is null ? key : $"id\n{sheetId}\n{key}";
        return "imp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    /// <summary>A time as vendors write it; without an offset it is Beijing time. In .xlsx a bare number is an Excel serial date.</summary>
    public static DateTimeOffset? ParseTime(string text, bool allowSerial)
    {
        var t = text.Normalize(NormalizationForm.FormKC).Trim();
        if (allowSerial && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            return serial is >= 1 and < 2958466 ? new DateTimeOffset(DateTime.FromOADate(serial), Beijing) : null;
        }

        t = t.Replace('年', '-').Replace('月', '-').Replace("日", " ", StringComparison.Ordinal)
            .Replace('时', ':').Replace('分', ':').Replace("秒", string.Empty, StringComparison.Ordinal)
            .Replace('/', '-').Replace('.', '-');
        t = Spaces().Replace(t, " ").Trim().TrimEnd(':');
        // The dots of fractional seconds became dashes above; put them back ("08:30:00-123" → "08:30:00.123").
        t = FractionDash().Replace(t, "$1.$2");
        if (OffsetSuffix().IsMatch(t))
        {
            return DateTimeOffset.TryParseExact(t, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
                ? withOffset
                : null;
        }

        return DateTime.TryParseExact(t, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Beijing)
            : null;
    }

    /// <summary>1234, 1,234, 1.2万, 3.5w, 10万+, 2k; negative numbers parse (the validator refuses them, with the column named).</summary>
    public static bool TryParseCount(string text, out long count)
    {
        count = 0;
        var t = text.Normalize(NormalizationForm.FormKC).Replace(",", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('+');
        var multiplier = 1m;
        if (t.EndsWith('万') || t.EndsWith('w') || t.EndsWith('W'))
        {
            multiplier = 10_000m;
        }
        else if (t.EndsWith('亿'))
        {
            multiplier = 100_000_000m;
        }
        else if (t.EndsWith('k') || t.EndsWith('K'))
        {
            multiplier = 1_000m;
        }

        if (multiplier != 1m)
        {
            t = t[..^1];
        }

        if (!decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        value *= multiplier;
        if (value != decimal.Truncate(value) && multiplier == 1m || value is > long.MaxValue or < long.MinValue)
        {
            return false;
        }

        count = (long)decimal.Round(value);
        return true;
    }

    private static List<string> SplitOutlets(string text) =>
        text.Split(['、', ',', '，', ';', '；', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(\d{1,2}:\d{1,2}:\d{1,2})-(\d{1,7})(?![\d:])")]
    private static partial Regex FractionDash();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();
}
