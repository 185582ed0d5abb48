using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Duty;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Observability;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// The watcher's act when a task's (转办) due time is 75 % or 100 % used: at 75 % the unit that holds the task (its head and
/// members) is warned; at 100 % the breach — naming that unit — goes to the section chiefs, the unit heads and whoever is
/// on duty, and onto the case timeline. Once per (task, clock, threshold), by the same unique key as every clock.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class RaiseTaskClockAlert
{
    public sealed record Command(int CaseId, int TaskId, ClockThreshold Threshold) : ICommand<bool>, ICaseRequest;

    public sealed class Handler(
        DeskMetrics metrics,
        IDbContextFactory<OpinionDbContext> dbFactory,
        ClockPolicies policies,
        DutyRoster roster,
        TimeProvider time,
        ILiveEventHub hub) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var @case = await db.Cases.WithEverything().SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case.Tasks.SingleOrDefault(t => t.Id == command.TaskId) is not { } task)
            {
                return false;
            }

            var policy = policies.ForCase(@case.CreatedAt);
            var clock = CaseClocks.ForTask(task, ClockFacts.Of(@case).EndedAt, policy, now);
            if (ClockCrossings.Crossed(clock, now) != command.Threshold)
            {
                return false;
            }

            var alert = ClockAlert.ForTask(@case.Id, task.Id, task.UnitId, clock, command.Threshold, policy.Version, now);
            db.ClockAlerts.Add(alert);
            IReadOnlyList<string> notified;
            if (command.Threshold == ClockThreshold.Warning)
            {
                notified = await ClockRecipients.WarnUnitAsync(db, @case, task.UnitId, alert, now, cancellationToken);
            }
            else
            {
                var onDuty = await roster.OnDutyAsync(db, now, cancellationToken);
                if (onDuty.IsGap)
                {
                    alert.RecordNobodyOnDuty();
                }

                notified = await ClockRecipients.EscalateAsync(db, @case, alert, onDuty.Recipients, now, cancellationToken, alsoUnitId: task.UnitId);
                @case.RecordClockBreached(clock.Kind, clock.DueAt, policy.Version, now);
            }

            await RaiseClockAlert.SaveOnceAsync(db, $"{command.Threshold} of task {command.TaskId}", cancellationToken);
            await RaiseClockAlert.AnnounceAsync(hub, metrics, notified, new ClockThresholdCrossed(@case.Id, null, nameof(ClockKind.Task), command.Threshold.ToString()));
            return true;
        }
    }
}
