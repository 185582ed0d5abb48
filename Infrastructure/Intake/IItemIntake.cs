using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// The one write path for items from every channel. Submissions must already be valid. The returned task
/// completes only after the items are committed: an acknowledged item is never lost.
/// </summary>
public interface IItemIntake
{
    /// <exception cref="IntakeBusyException">The queue is full: the caller should answer 429 / try again.</exception>
    Task<IReadOnlyList<IntakeResult>> SubmitAsync(IReadOnlyList<ValidSubmission> items, CancellationToken cancellationToken) =>
        SubmitAsync(items, null, cancellationToken);

    /// <param name="audit">The audit row of this submission: the writer inserts it in the transaction that stores the
    /// items, so the items and the row that says who sent them commit or roll back together.</param>
    Task<IReadOnlyList<IntakeResult>> SubmitAsync(IReadOnlyList<ValidSubmission> items, IntakeAudit? audit, CancellationToken cancellationToken);
}

/// <summary>
/// The audit row a channel hands to the writer with its submission. The writer adds the item counts and the new ids to
/// it and sets <see cref="Written"/> once it has committed.
/// </summary>
/// <param name="OnlyWhenStored">A feed poll that stores nothing new leaves no row (it polls every few minutes).</param>
public sealed class IntakeAudit(AuditEntry entry, bool onlyWhenStored = false)
{
    private readonly string? request = entry.Detail;

    public AuditEntry Entry { get; } = entry;

    public bool OnlyWhenStored { get; } = onlyWhenStored;

    /// <summary>True once the row has committed with (some of) the submission's items.</summary>
    public bool Written { get; internal set; }

    internal void Count(int submitted, IReadOnlyList<OpinionItem> created)
    {
        // Set afresh on each try: a batch that failed is retried row by row.
        Entry.ObjectType = "Item";
        Entry.ObjectId = created.Count == 0
            ? null
            : created.Count == 1
                ? created[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{created[0].Id}-{created[^1].Id}");

        var counts = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"submitted\":{submitted},\"created\":{created.Count}}}");
        var detail = request is null ? counts : $"{counts} {request}";
        Entry.Detail = detail.Length <= 4000 ? detail : detail[..4000];
    }
}

public static class IntakeAudits
{
    /// <summary>The audit row of a machine channel (an API key, a feed): no user, the channel's name in its place.</summary>
    public static AuditEntry Entry(DateTime at, string channel, string action, string? ip, string? detail) => new()
    {
        At = at,
        UserName = channel,
        Action = action,
        Outcome = AuditOutcome.Succeeded,
        Ip = ip,
        Detail = detail,
    };
}

/// <param name="ItemId">The stored item's id (the existing one when <paramref name="Created"/> is false).</param>
public sealed record IntakeResult(int ItemId, bool Created);

public sealed class IntakeBusyException(TimeSpan retryAfter) : Exception("The intake queue is full.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>Runs after a batch of new items is committed (near-duplicate index, auto-attach, same-matter index).</summary>
public interface IItemsIngestedHandler
{
    Task OnIngestedAsync(IReadOnlyList<OpinionItem> created, CancellationToken cancellationToken);
}

/// <summary>
/// A handler with an in-memory index of items. On a node that does not run the stages (another node holds their lease),
/// it is given every new item to index and nothing else, so that it is ready to take over.
/// </summary>
public interface IItemsFollower
{
    void Follow(IReadOnlyList<OpinionItem> items);
}
