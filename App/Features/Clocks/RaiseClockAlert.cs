using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Duty;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Observability;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// The watcher's act when a clock of a case crosses 75 % or 100 %: the alert (for a breach, the breach record), the
/// bells and, for a breach, the timeline entry commit together. The handler computes the clock again from what is
/// stored, so a request for a crossing that has not happened records nothing; the unique key (case, clock, threshold)
/// makes a second request — another watcher, a restart, a retry — record nothing either.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class RaiseClockAlert
{
    public const string AlreadyRecorded = "clock.already_recorded";

    public sealed record Command(int CaseId, ClockKind Clock, ClockThreshold Threshold) : ICommand<bool>, ICaseRequest;

    /// <summary>After the commit: the bells ring, the crossing is counted for the operators and shown on every open page.</summary>
    public static async Task AnnounceAsync(ILiveEventHub hub, DeskMetrics metrics, IReadOnlyList<string> notified, ClockThresholdCrossed crossed)
    {
        await hub.PublishNotificationsAsync(notified);
        metrics.ClockAlert(crossed.Clock, crossed.Threshold);
        await hub.PublishAsync(crossed, CancellationToken.None);
    }

    /// <summary>Commits an alert with its bells, or — the unique key taken — throws <see cref="AlreadyRecorded"/>.</summary>
    public static async Task SaveOnceAsync(OpinionDbContext db, string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another watcher recorded it between our check and our insert: its bells rang, ours must not.
            throw new DomainException(AlreadyRecorded, $"{what} is already recorded.");
        }
    }

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
            var subject = ClockAlert.CaseSubject(command.CaseId);
            if (await db.ClockAlerts.AnyAsync(a => a.Subject == subject && a.Clock == command.Clock && a.Threshold == command.Threshold, cancellationToken))
            {
                return false;
            }

            var @case = await db.Cases.WithEverything().SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            var policy = policies.ForCase(@case.CreatedAt);
            var clock = CaseClocks.For(@case, policy, now).FirstOrDefault(c => c.Kind == command.Clock);
            if (clock is null || ClockCrossings.Crossed(clock, now) != command.Threshold)
            {
                return false;
            }

            var alert = ClockAlert.ForCase(@case.Id, clock, command.Threshold, policy.Version, @case.ResponsibleUnitId, @case.OwnerId, @case.OwnerName, now);
            db.ClockAlerts.Add(alert);
            IReadOnlyList<string> notified;
            if (command.Threshold == ClockThreshold.Warning)
            {
                notified = await ClockRecipients.WarnOwnerAsync(db, @case, alert, now, cancellationToken);
            }
            else
            {
                var onDuty = await roster.OnDutyAsync(db, now, cancellationToken);
                if (onDuty.IsGap)
                {
                    alert.RecordNobodyOnDuty();
                }

                notified = await ClockRecipients.EscalateAsync(db, @case, alert, onDuty.Recipients, now, cancellationToken);
                @case.RecordClockBreached(clock.Kind, clock.DueAt, policy.Version, now);
            }

            await SaveOnceAsync(db, $"{command.Clock} {command.Threshold} of case {command.CaseId}", cancellationToken);

            await AnnounceAsync(hub, metrics, notified, new ClockThresholdCrossed(@case.Id, null, command.Clock.ToString(), command.Threshold.ToString()));
            return true;
        }
    }
}
