namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>
/// Why a feed or one of its entries was refused, as a stable code (localized on the admin page as FeedReason.{code})
/// and its values (<see cref="Detail"/>: numbers, names, no prose, so the page can say it in the reader's language).
/// Stored on the feed row as "code: value|value".
/// </summary>
public static class FeedReasons
{
    public const string Scheme = "scheme";
    public const string BlockedAddress = "blocked_address";
    public const string Network = "network";
    public const string Timeout = "timeout";
    public const string HttpStatus = "http_status";
    public const string TooLarge = "too_large";
    public const string Encoding = "encoding";
    public const string HostileXml = "hostile_xml";
    public const string MalformedXml = "malformed_xml";
    public const string NotAFeed = "not_a_feed";
    public const string HtmlPage = "html_page";
    public const string UnknownEncoding = "unknown_encoding";
    public const string IntakeBusy = "intake_busy";
    public const string Unexpected = "unexpected";

    public const string EntryTooLarge = "entry_too_large";
    public const string EntryTruncated = "entry_truncated";
    public const string EntryEmpty = "entry_empty";
    public const string EntryInvalid = "entry_invalid";
    public const string TooManyEntries = "too_many_entries";

    /// <summary>Separates the values of a detail.</summary>
    public const char Separator = '|';

    /// <summary>
    /// Answers that will be the same next time: a DTD, an HTML page, a document that is not RSS/Atom, an address that
    /// is gone (404, 410) or refused. Retrying them often only downloads the same refusal again.
    /// </summary>
    public static bool IsPermanent(string? reason)
    {
        var (code, detail) = Parse(reason);
        return code switch
        {
            HostileXml or HtmlPage or NotAFeed or UnknownEncoding or Scheme or BlockedAddress => true,
            HttpStatus => detail.Split(Separator)[0] is "404" or "410",
            _ => false,
        };
    }

    /// <summary>
    /// A detail of values, invariant and separated by <see cref="Separator"/>: numbers (sizes in bytes), names, and
    /// resource keys marked with <c>@</c> (<c>@Field.Content</c>) for words the page translates.
    /// </summary>
    public static string Detail(params object?[] values) =>
        string.Join(Separator, values.Select(v => (Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
            .Replace(Separator, '¦').Replace('\n', ' ').Replace('\r', ' ')));

    public static string Format(string code, string detail)
    {
        var text = $"{code}: {detail}";
        return text.Length <= 1000 ? text : text[..1000];
    }

    /// <summary>Splits a stored reason back into its code and detail (a reason without a known shape is all detail).</summary>
    public static (string? Code, string Detail) Parse(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return (null, string.Empty);
        }

        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && reason[..colon].All(c => c is '_' or (>= 'a' and <= 'z'))
            ? (reason[..colon], reason[(colon + 2)..])
            : (null, reason);
    }
}

/// <summary>A feed could not be read; the poller records <see cref="Reason"/> and backs off.</summary>
/// <param name="detail">Values made with <see cref="FeedReasons.Detail"/>; the inner exception keeps the technical message for the log.</param>
public sealed class FeedProblemException(string code, string detail, Exception? inner = null)
    : Exception(FeedReasons.Format(code, detail), inner)
{
    public string Code { get; } = code;

    public string Detail { get; } = detail;

    public string Reason => FeedReasons.Format(Code, Detail);
}
