using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// 舆情反弹: items were grouped to a closed case within its rebound window; the watcher asks for one alert per burst
/// (<see cref="ReboundBursts"/>), which rings the bells of the case owner and the section chiefs who handle the case; the
/// line leads to the case with the reopen dialog filled in. The handler works the bursts out again from what is stored,
/// and the burst's key is unique, so a restart or a second watcher raises nothing twice.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class RaiseReboundAlert
{
    public sealed record Command(int CaseId, int FirstItemId) : ICommand<bool>, ICaseRequest;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ClockPolicies policies, TimeProvider time, CaseEvents caseEvents)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var @case = await db.Cases.SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is not { State: CaseState.Closed, ClosedAt: { } closedAt })
            {
                return false;
            }

            var bursts = await NewBurstsAsync(db, @case.Id, closedAt, policies.ForCase(@case.CreatedAt).ReboundWindow, cancellationToken);
            if (bursts.Where(b => b.FirstItemId == command.FirstItemId).Select(b => ((int FirstItemId, DateTime Start)?)b).FirstOrDefault()
                is not { } burst)
            {
                return false;
            }

            var title = await db.Items.Where(i => i.Id == burst.FirstItemId).Select(i => i.Title).SingleAsync(cancellationToken);
            var alert = FollowUpAlert.Rebound(@case.Id, burst.FirstItemId, title, burst.Start, now);
            db.FollowUpAlerts.Add(alert);
            var events = await caseEvents.HandleAsync(db, @case, BackgroundActor.System, now, alert.DomainEvents, cancellationToken);
            await RaiseClockAlert.SaveOnceAsync(db, FollowUpAlert.ReboundKey(@case.Id, burst.Start), cancellationToken);
            await events.CommittedAsync();
            return true;
        }
    }

    /// <summary>The bursts of items grouped to the closed case that no alert covers yet.</summary>
    public static async Task<IReadOnlyList<(int FirstItemId, DateTime Start)>> NewBurstsAsync(OpinionDbContext db, int caseId, DateTime closedAt,
        TimeSpan window, CancellationToken cancellationToken)
    {
        var items = await db.Items.AsNoTracking().Where(i => i.CaseId == caseId && i.TriagedAt > closedAt)
            .Select(i => new { i.Id, At = i.TriagedAt!.Value }).ToListAsync(cancellationToken);
        var recorded = await db.FollowUpAlerts.AsNoTracking().Where(a => a.CaseId == caseId && a.Kind == FollowUpKind.Rebound)
            .Select(a => a.DueAt).ToListAsync(cancellationToken);
        return ReboundBursts.New(items.Select(i => (i.Id, i.At)), closedAt, window, recorded);
    }
}
