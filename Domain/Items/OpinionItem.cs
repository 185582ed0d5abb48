using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Items;

/// <summary>Channel codes of DESIGN §2 (二（一）of the policy: every channel the desk watches).</summary>
public enum Channel
{
    PortalSite,
    Forum,
    Weibo,
    WeChat,
    OnlineInquiry,
    Hotline,
    NewsComment,
    Newspaper,
    Television,
    Radio,
    Other,
    /// <summary>短视频: 抖音, 快手, 哔哩哔哩, 视频号 … (the platform's own name is kept on the item).</summary>
    ShortVideo,
    /// <summary>新闻客户端: 今日头条, 腾讯新闻, 网易新闻 … (news apps and their comment sections).</summary>
    NewsApp,
}

public enum TriageStatus
{
    New,
    Claimed,
    Dismissed,
    Attached,
    OpenedCase,
}

public enum DismissReason
{
    Irrelevant,
    Duplicate,
    Spam,
}

/// <summary>One observed piece of public opinion (舆情信息).</summary>
public sealed class OpinionItem : AggregateRoot
{
    private OpinionItem()
    {
        Title = Content = CollectedBy = string.Empty;
    }

    public OpinionItem(
        Channel channel,
        string title,
        string content,
        string collectedBy,
        DateTime collectedAt,
        string? sourceName = null,
        string? url = null,
        string? author = null,
        string? contact = null,
        DateTime? publishedAt = null,
        string? location = null,
        int? suggestedUnitId = null,
        string? externalId = null)
    {
        Channel = channel;
        // As given: the API returns an item exactly as its sender sent it; the manual form trims before it gets here.
        Title = title;
        Content = content;
        CollectedBy = collectedBy;
        CollectedAt = collectedAt;
        SourceName = sourceName;
        Url = url;
        Author = author;
        Contact = contact;
        PublishedAt = publishedAt;
        Location = location;
        SuggestedUnitId = suggestedUnitId;
        ExternalId = externalId;
        Status = TriageStatus.New;
        Raise(new ItemCollected(channel, collectedAt));
    }

    public int Id { get; private set; }

    public Channel Channel { get; private set; }

    public string? SourceName { get; private set; }

    /// <summary>
    /// The platform as the source named it (抖音, 小红书, 火山小视频): the channel is its family, the name is kept so that a
    /// platform the desk does not know yet is not lost under 其他.
    /// </summary>
    public string? Platform { get; private set; }

    public string? Url { get; private set; }

    public string? ExternalId { get; private set; }

    public string Title { get; private set; }

    public string Content { get; private set; }

    public string? Author { get; private set; }

    /// <summary>How to reach the person who raised it (a hotline caller): the case must report back to them.</summary>
    public string? Contact { get; private set; }

    public DateTime? PublishedAt { get; private set; }

    public DateTime CollectedAt { get; private set; }

    public string CollectedBy { get; private set; }

    public long Views { get; private set; }

    public long Shares { get; private set; }

    public long Comments { get; private set; }

    public long Likes { get; private set; }

    /// <summary>Mainstream outlets that picked the item up, comma separated.</summary>
    public string? MediaPickup { get; private set; }

    public string? Location { get; private set; }

    public int? SuggestedUnitId { get; private set; }

    /// <summary>
    /// Where the item came from, for idempotency on (source, external id): <c>manual</c>, <c>api:{clientId}</c>,
    /// <c>feed:{feedId}</c>, <c>import</c>.
    /// </summary>
    public string SourceKey { get; private set; } = ItemSources.Manual;

    /// <summary>The mainstream outlets exactly as a client sent them (a JSON array), when sent as a list.</summary>
    public string? MediaOutletsJson { get; private set; }

    /// <summary>The UTC offset, in minutes, the published-at time was given in, so the API returns it as sent.</summary>
    public int? PublishedAtOffsetMinutes { get; private set; }

    /// <summary>64-bit SimHash of the normalised text (DESIGN §2.4), stored as its signed bit pattern; 0 = not yet computed.</summary>
    public long Fingerprint { get; private set; }

    public TriageStatus Status { get; private set; }

    /// <summary>The user id of the officer triaging the item now.</summary>
    public string? ClaimedBy { get; private set; }

    public string? ClaimedByName { get; private set; }

    /// <summary>Concurrency token: bumped by every change, so two officers racing for one item cannot both win.</summary>
    public int Version { get; private set; }

    public DateTime? ClaimExpiresAt { get; private set; }

    public DismissReason? DismissReason { get; private set; }

    public string? DismissNote { get; private set; }

    public int? CaseId { get; private set; }

    public string? TriagedBy { get; private set; }

    public DateTime? TriagedAt { get; private set; }

    public bool RaisedByReachablePerson => Channel == Channel.Hotline && !string.IsNullOrWhiteSpace(Contact);

    /// <summary>From the hotline or an online inquiry (网络问政) with a contact: the case is closed with a 回访 (12345 接诉即办).</summary>
    public bool NeedsFollowUp => Channel is Channel.Hotline or Channel.OnlineInquiry && !string.IsNullOrWhiteSpace(Contact);

    public void SetEngagement(long views, long shares, long comments, long likes, string? mediaPickup)
    {
        Views = Math.Max(0, views);
        Shares = Math.Max(0, shares);
        Comments = Math.Max(0, comments);
        Likes = Math.Max(0, likes);
        MediaPickup = string.IsNullOrWhiteSpace(mediaPickup) ? null : mediaPickup.Trim();
    }

    public void SetSource(string sourceKey, string? mediaOutletsJson = null, int? publishedAtOffsetMinutes = null)
    {
        SourceKey = sourceKey;
        MediaOutletsJson = mediaOutletsJson;
        PublishedAtOffsetMinutes = publishedAtOffsetMinutes;
    }

    public void SetPlatform(string? platform) => Platform = string.IsNullOrWhiteSpace(platform) ? null : platform.Trim();

    public void SetFingerprint(ulong fingerprint) => Fingerprint = unchecked((long)fingerprint);

    public bool IsOpenForTriage(DateTime now) =>
        Status == TriageStatus.New || (Status == TriageStatus.Claimed && ClaimExpiresAt <= now);

    /// <summary>
    /// The officer starts triaging: others see "张三 正在处理" and cannot act on the item until the officer acts,
    /// releases it, or the lease runs out. Claiming again renews the lease.
    /// </summary>
    public void Claim(Actor actor, DateTime now, TimeSpan lease)
    {
        EnsureTriageable(actor, now);
        Status = TriageStatus.Claimed;
        ClaimedBy = actor.UserId;
        ClaimedByName = actor.DisplayName;
        ClaimExpiresAt = now + lease;
        Version++;
        Raise(new ItemClaimed(actor.UserId, now));
    }

    /// <summary>Ends the actor's own claim; does nothing when the item is not claimed by them.</summary>
    public void Release(Actor actor, DateTime now)
    {
        if (Status != TriageStatus.Claimed || ClaimedBy != actor.UserId)
        {
            return;
        }

        Status = TriageStatus.New;
        ClaimedBy = ClaimedByName = null;
        ClaimExpiresAt = null;
        Version++;
        Raise(new ItemReleased(actor.UserId, now));
    }

    public void Dismiss(Actor actor, DismissReason reason, string? note, DateTime now)
    {
        EnsureTriageable(actor, now);
        Status = TriageStatus.Dismissed;
        DismissReason = reason;
        DismissNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        MarkTriaged(actor, now);
        Raise(new ItemTriaged(Id, Status, null, now));
    }

    public void AttachTo(int caseId, Actor actor, DateTime now, bool openedCase = false)
    {
        EnsureTriageable(actor, now);
        Status = openedCase ? TriageStatus.OpenedCase : TriageStatus.Attached;
        CaseId = caseId;
        MarkTriaged(actor, now);
        Raise(new ItemTriaged(Id, Status, caseId, now));
    }

    /// <summary>
    /// The system attaches a new item to a case by itself (auto-attach of a near-duplicate). Only an item nobody is
    /// triaging: an officer's live claim wins.
    /// </summary>
    public void AttachBySystem(int caseId, DateTime now)
    {
        if (Status == TriageStatus.Claimed && ClaimExpiresAt > now)
        {
            throw new DomainException(DomainErrors.ItemClaimedByOther, $"Item {Id} is claimed by {ClaimedBy}.");
        }

        if (Status is not (TriageStatus.New or TriageStatus.Claimed))
        {
            throw new DomainException(DomainErrors.ItemNotNew, $"Item {Id} was already triaged ({Status}).");
        }

        Status = TriageStatus.Attached;
        CaseId = caseId;
        TriagedBy = Cases.Case.SystemActorName;
        TriagedAt = now;
        ClaimedBy = ClaimedByName = null;
        ClaimExpiresAt = null;
        Version++;
        Raise(new ItemTriaged(Id, Status, caseId, now));
    }

    /// <summary>Moves an already triaged item to another case (a merge folds items into the target).</summary>
    public void MoveToCase(int caseId)
    {
        CaseId = caseId;
        Status = TriageStatus.Attached;
        Version++;
    }

    private void EnsureTriageable(Actor actor, DateTime now)
    {
        if (Status == TriageStatus.Claimed && ClaimExpiresAt > now && ClaimedBy != actor.UserId)
        {
            throw new DomainException(DomainErrors.ItemClaimedByOther, $"Item {Id} is claimed by {ClaimedBy}.");
        }

        if (Status is not (TriageStatus.New or TriageStatus.Claimed))
        {
            throw new DomainException(DomainErrors.ItemNotNew, $"Item {Id} was already triaged ({Status}).");
        }
    }

    private void MarkTriaged(Actor actor, DateTime now)
    {
        TriagedBy = actor.DisplayName;
        TriagedAt = now;
        ClaimedBy = ClaimedByName = null;
        ClaimExpiresAt = null;
        Version++;
    }
}

public static class ItemSources
{
    public const string Manual = "manual";

    public const string Import = "import";

    /// <summary>How long a vendor's name may be in a source key (<c>import:{vendor}</c>, the key column holds 40).</summary>
    public const int MaxVendorLength = 30;

    /// <summary>
    /// The source of a spreadsheet row that carries the vendor's own id: <c>import:{vendor}</c>, so one vendor's "1001" is
    /// never taken for another's; <see cref="Import"/> when no vendor is named (the id is then hashed with the row's text).
    /// </summary>
    public static string Imported(string? vendor) => string.IsNullOrWhiteSpace(vendor) ? Import : $"{Import}:{vendor.Trim()}";

    public static string Api(int clientId) => $"api:{clientId}";

    public static string Feed(int feedId) => $"feed:{feedId}";

    /// <summary>The API client's id of an <c>api:{id}</c> key, else null.</summary>
    public static int? ApiClientId(string sourceKey) => IdAfter(sourceKey, "api:");

    /// <summary>The feed's id of a <c>feed:{id}</c> key, else null.</summary>
    public static int? FeedId(string sourceKey) => IdAfter(sourceKey, "feed:");

    private static int? IdAfter(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(key.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}

public sealed record ItemCollected(Channel Channel, DateTime OccurredAt) : IDomainEvent;

public sealed record ItemClaimed(string ActorId, DateTime OccurredAt) : IDomainEvent;

public sealed record ItemReleased(string ActorId, DateTime OccurredAt) : IDomainEvent;

public sealed record ItemTriaged(int ItemId, TriageStatus Status, int? CaseId, DateTime OccurredAt) : IDomainEvent;
