using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Feeds;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>How a feed is doing, as the admin table colours it; in order of concern, the gravest first (the page sorts by it).</summary>
public enum FeedHealth
{
    /// <summary>
    /// 永久失败: the last answer will be the same next time (a DTD, an HTML page, 404/410, not a feed); tried once a day
    /// until an administrator changes something.
    /// </summary>
    Broken,
    /// <summary>Red: failing again and again (three or more in a row).</summary>
    Failing,
    /// <summary>Amber: a failure or two in a row, or no success for several intervals.</summary>
    Degraded,
    /// <summary>Not polled yet.</summary>
    Waiting,
    /// <summary>Green: the last poll succeeded and it is recent.</summary>
    Healthy,
    Disabled,
}

/// <summary>The feeds with their health, for the admin page.</summary>
[RequiresPermission(Permission.Administer)]
public static class ListFeeds
{
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(
        int Id,
        string Name,
        string Url,
        Channel Channel,
        int? UnitId,
        string? UnitName,
        int IntervalMinutes,
        bool Enabled,
        bool AutoAttach,
        DateTime? LastPolledAt,
        DateTime? LastSuccessAt,
        DateTime? LastErrorAt,
        string? LastError,
        int ConsecutiveFailures,
        DateTime NextPollAt,
        long ItemsTaken,
        long EntriesSkipped,
        string? LastSkipReason,
        FeedHealth Health);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var feeds = await db.Feeds.AsNoTracking().OrderBy(f => f.Name).ThenBy(f => f.Id).ToListAsync(cancellationToken);
            var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
            return feeds.Select(f => new Row(f.Id, f.Name, f.Url, f.Channel, f.UnitId, f.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                    f.IntervalMinutes, f.Enabled, f.AutoAttach, f.LastPolledAt, f.LastSuccessAt, f.LastErrorAt, f.LastError,
                    f.ConsecutiveFailures, f.NextPollAt, f.ItemsTaken, f.EntriesSkipped, f.LastSkipReason,
                    HealthOf(f.Enabled, f.ConsecutiveFailures, f.LastError, f.LastSuccessAt, f.IntervalMinutes, now)))
                .ToList();
        }
    }

    public static FeedHealth HealthOf(bool enabled, int consecutiveFailures, string? lastError, DateTime? lastSuccessAt, int intervalMinutes, DateTime now) =>
        !enabled ? FeedHealth.Disabled
        : consecutiveFailures > 0 && FeedReasons.IsPermanent(lastError) ? FeedHealth.Broken
        : consecutiveFailures >= 3 ? FeedHealth.Failing
        : consecutiveFailures > 0 ? FeedHealth.Degraded
        : lastSuccessAt is null ? FeedHealth.Waiting
        : now - lastSuccessAt > TimeSpan.FromMinutes(3 * intervalMinutes + 5) ? FeedHealth.Degraded
        : FeedHealth.Healthy;
}
