namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>Configuration section "Feeds" (appsettings.json): how often and how carefully feeds are read.</summary>
public sealed class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>Runs the background poller. Tests turn it off and drive a poll themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the poller looks for feeds whose next poll is due (each feed has its own interval).</summary>
    public int PollEverySeconds { get; set; } = 5;

    /// <summary>Feeds fetched at the same time.</summary>
    public int MaxConcurrent { get; set; } = 4;

    /// <summary>A response body larger than this (after decompression) is refused.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>For the whole fetch: connecting, headers and body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An entry's plain text longer than this is shortened to it (the item keeps its link to the full text).</summary>
    public int MaxEntryChars { get; set; } = 20_000;

    /// <summary>An entry whose raw markup is longer than this is skipped as hostile or broken.</summary>
    public int MaxEntryRawChars { get; set; } = 1_000_000;

    /// <summary>Entries taken from one answer; the rest are skipped (and counted).</summary>
    public int MaxEntries { get; set; } = 1_000;

    /// <summary>Upper bound of the exponential back-off after failures (never below the feed's own interval).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long after a permanent failure (a DTD, an HTML page, 404/410, not a feed) the feed is tried again by itself;
    /// an administrator's edit, re-enable or 立即轮询 tries at once.
    /// </summary>
    public TimeSpan PermanentFailureRetry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Also refuse private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). Off by default: a town's
    /// intranet portals live on private addresses. Loopback and the server's own addresses are refused unless allowed
    /// (<see cref="AllowedHosts"/>); link-local and cloud metadata addresses always.
    /// </summary>
    public bool BlockPrivateNetworks { get; set; }

    /// <summary>
    /// Host names (as written in the feed's URL) an administrator allows although they are loopback or the server's
    /// own address, e.g. a portal installed on the same server. Empty by default.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    public string UserAgent { get; set; } = "OpinionResponse-FeedReader/1.0";
}
