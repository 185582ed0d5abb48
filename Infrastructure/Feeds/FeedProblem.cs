namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>
/// Why a feed or one of its entries was refused, as a stable code (localized on the admin page as FeedReason.{code})
/// and a technical detail. Stored on the feed row as "code: detail".
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
    public const string IntakeBusy = "intake_busy";
    public const string Unexpected = "unexpected";

    public const string EntryTooLarge = "entry_too_large";
    public const string EntryTruncated = "entry_truncated";
    public const string EntryEmpty = "entry_empty";
    public const string EntryInvalid = "entry_invalid";
    public const string TooManyEntries = "too_many_entries";

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
public sealed class FeedProblemException(string code, string detail, Exception? inner = null)
    : Exception(FeedReasons.Format(code, detail), inner)
{
    public string Code { get; } = code;

    public string Detail { get; } = detail;

    public string Reason => FeedReasons.Format(Code, Detail);
}
