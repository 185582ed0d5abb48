using OpinionResponse.Domain.Items;

namespace OpinionResponse.Domain.Intake;

/// <summary>
/// One item as any channel hands it in — the API, a feed, a spreadsheet row or the manual form. Every channel builds
/// this, validates it with the one validator and gives it to the one write path (policy 二（一）: 不漏报、不迟报).
/// </summary>
public sealed record ItemSubmission
{
    public Channel Channel { get; init; } = Channel.Other;

    /// <summary>The platform's name as the source gave it (抖音), beside its channel family; null when only a channel was named.</summary>
    public string? Platform { get; init; }

    /// <summary>The sender's own id of the item; with <see cref="SourceKey"/> it makes a resubmission idempotent.</summary>
    public string? ExternalId { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Content { get; init; } = string.Empty;

    public string? SourceName { get; init; }

    public string? Url { get; init; }

    public string? Author { get; init; }

    public string? Contact { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public long Views { get; init; }

    public long Shares { get; init; }

    public long Comments { get; init; }

    public long Likes { get; init; }

    public IReadOnlyList<string>? MediaPickup { get; init; }

    public string? Location { get; init; }

    public int? SuggestedUnitId { get; init; }

    /// <summary>Who collected it: an officer's name, a feed's name, an API client's name.</summary>
    public string CollectedBy { get; init; } = string.Empty;

    /// <summary>See <see cref="ItemSources"/>.</summary>
    public string SourceKey { get; init; } = ItemSources.Manual;

    /// <summary>Attach to an open case automatically when it is a near-duplicate of one (off unless the feed/client says so).</summary>
    public bool AutoAttach { get; init; }
}
