using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Duty;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Observability;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// The watcher's act when an item's triage clock (分拣, 30 minutes by default) crosses 75 % or 100 %: the alert is
/// recorded once (the same unique key as a case's), the duty desk's bells ring with a line that leads to the triage
/// queue (the item has no case yet), and the queues redraw the item's chip. A breach with nobody rostered flags the gap.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class RaiseItemClockAlert
{
    public sealed record Command(int ItemId, ClockThreshold Threshold) : ICommand<bool>;

    public sealed class Handler(
        DeskMetrics metrics, IDbContextFactory<OpinionDbContext> dbFactory, ClockPolicies policies, DutyRoster roster, TimeProvider time,
        ILiveEventHub hub) : ICommandHandler<Command, bool>
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

            var alert = ClockAlert.ForItem(item.Id, clock, command.Threshold, policy.Version, item.SuggestedUnitId, now);
            db.ClockAlerts.Add(alert);
            var onDuty = await roster.OnDutyAsync(db, now, cancellationToken);
            if (command.Threshold == ClockThreshold.Breach && onDuty.IsGap)
            {
                alert.RecordNobodyOnDuty();
            }

            var notified = await ClockRecipients.ItemAsync(db, item, alert, onDuty, now, cancellationToken);
            await RaiseClockAlert.SaveOnceAsync(db, $"Triage {command.Threshold} of item {command.ItemId}", cancellationToken);
            await RaiseClockAlert.AnnounceAsync(hub, metrics, notified, new ClockThresholdCrossed(null, item.Id, nameof(ClockKind.Triage), command.Threshold.ToString()));
            return true;
        }
    }
}
