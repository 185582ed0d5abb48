using OpinionResponse.Domain.Items;

namespace OpinionResponse.Domain.Intake;

/// <summary>An RSS/Atom feed of a portal or forum the desk watches, polled in the background.</summary>
public sealed class Feed
{
    private Feed()
    {
        Name = Url = CreatedBy = string.Empty;
    }

    public Feed(string name, string url, Channel channel, int? unitId, int intervalMinutes, string createdBy, DateTime createdAt)
    {
        Name = name;
        Url = url;
        Channel = channel;
        UnitId = unitId;
        IntervalMinutes = intervalMinutes;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Enabled = true;
        NextPollAt = createdAt;
    }

    public int Id { get; private set; }

    public string Name { get; set; }

    public string Url { get; set; }

    public Channel Channel { get; set; }

    /// <summary>The unit suggested for the feed's items.</summary>
    public int? UnitId { get; set; }

    public int IntervalMinutes { get; set; }

    public bool Enabled { get; set; }

    public bool AutoAttach { get; set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Conditional GET validators from the last 200 answer.</summary>
    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public DateTime? LastPolledAt { get; set; }

    public DateTime? LastSuccessAt { get; set; }

    public DateTime? LastErrorAt { get; set; }

    public string? LastError { get; set; }

    public int ConsecutiveFailures { get; set; }

    public DateTime NextPollAt { get; set; }

    public long ItemsTaken { get; set; }

    /// <summary>Entries skipped (too big, invalid) since the feed was added, with the last reason.</summary>
    public long EntriesSkipped { get; set; }

    public string? LastSkipReason { get; set; }
}
