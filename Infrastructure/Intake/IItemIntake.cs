using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// The one write path for items from every channel (issue 4). Submissions must already be valid. The returned task
/// completes only after the items are committed: an acknowledged item is never lost.
/// </summary>
public interface IItemIntake
{
    /// <exception cref="IntakeBusyException">The queue is full: the caller should answer 429 / try again.</exception>
    Task<IReadOnlyList<IntakeResult>> SubmitAsync(IReadOnlyList<ItemSubmission> items, CancellationToken cancellationToken);
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
