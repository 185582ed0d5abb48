using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// The watcher's act when an item's triage clock (分拣, 30 minutes by default) crosses 75 % or 100 %: the alert is
/// recorded once (the same unique key as a case's), and the queues redraw the item's chip. An item has no case yet, so
/// no bell rings for it: the triage queue itself is where the duty officer sees it turn orange and red.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class RaiseItemClockAlert
{
    public sealed record Command(int ItemId, ClockThreshold Threshold) : ICommand<bool>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ClockPolicies policies, TimeProvider time, ILiveEventHub hub)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.ItemId, cancellationToken);
            if (item is null)
            {
                return false;
            }

            var policy = policies.History.At(item.CollectedAt);
            var clock = CaseClocks.ForItem(item, policy, now);
            if (ClockCrossings.Crossed(clock, now) != command.Threshold)
            {
                return false;
            }

            db.ClockAlerts.Add(ClockAlert.ForItem(item.Id, clock, command.Threshold, policy.Version, item.SuggestedUnitId, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 })
            {
                throw new DomainException(RaiseClockAlert.AlreadyRecorded, $"Triage {command.Threshold} of item {command.ItemId} is already recorded.");
            }

            await hub.PublishAsync(new ClockThresholdCrossed(null, item.Id, nameof(ClockKind.Triage), command.Threshold.ToString()), CancellationToken.None);
            return true;
        }
    }
}
