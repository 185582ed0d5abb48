using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Cases.MyWork;

/// <summary>
/// 待我办理: what waits for the signed-in user now, across the cases they may see. Each list is what the domain would let
/// them do (the same check as the case page's buttons), so an entry here is always an action they can take.
/// </summary>
[RequiresPermission(Permission.ViewCases)]
public static class ListMyWork
{
    public sealed record Query : IQuery<Result>;

    public sealed record CaseEntry(int CaseId, string Number, string Title, CaseState State, RiskLevel? Risk, string Detail);

    public sealed record ItemEntry(int ItemId, Channel Channel, string Title, DateTime CollectedAt);

    public sealed record ClockEntry(int CaseId, string Number, string Title, CaseState State, RiskLevel? Risk, SlaClock Clock);

    /// <summary>A 重大决策舆情风险评估 waiting for this unit head's approval.</summary>
    public sealed record DecisionEntry(int DecisionId, string Title, string UnitName, RiskLevel Risk, DateTime? SubmittedAt);

    public sealed record Result(
        IReadOnlyList<CaseEntry> PlansToSign,
        IReadOnlyList<CaseEntry> ResponsesToApprove,
        IReadOnlyList<CaseEntry> TasksToAccept,
        IReadOnlyList<CaseEntry> TasksToAnswer,
        IReadOnlyList<ItemEntry> ClaimedItems,
        IReadOnlyList<ClockEntry> ClocksAtRisk,
        IReadOnlyList<DecisionEntry> DecisionsToApprove)
    {
        public int Count => PlansToSign.Count + ResponsesToApprove.Count + TasksToAccept.Count + TasksToAnswer.Count
                            + ClaimedItems.Count + ClocksAtRisk.Count + DecisionsToApprove.Count;
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ClockPolicies policies,
        TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

            // Only the states where one of these actions exists, and only cases this user may see: a short list to load whole.
            var working = new[] { CaseState.PlanApproval, CaseState.Disposing, CaseState.Responding, CaseState.Published };
            var cases = await db.Cases.AsNoTracking().WithEverything().VisibleTo(actor)
                .Where(c => working.Contains(c.State))
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .ToListAsync(cancellationToken);

            List<CaseEntry> Where(CaseTrigger trigger, Func<Case, string> detail) =>
                cases.Where(c => c.Check(trigger, actor) is null).Select(c => Entry(c, detail(c))).ToList();

            var plans = Where(CaseTrigger.SignPlan, c => c.CurrentPlan!.DraftedByName);
            var responses = Where(CaseTrigger.ApproveResponse,
                c => string.Join("、", c.Responses.Where(r => r.Status == ResponseStatus.InReview).Select(r => r.DraftedByName).Distinct()));
            var toAccept = Where(CaseTrigger.AcceptTask, c => TaskText(c, actor, t => t.Status == CaseTaskStatus.Pending));
            var toAnswer = cases
                .Where(c => c.Check(CaseTrigger.GiveTaskFeedback, actor) is null
                            && c.Tasks.Any(t => t.Status == CaseTaskStatus.InProgress && actor.BelongsTo(t.UnitId)))
                .Select(c => Entry(c, TaskText(c, actor, t => t.Status == CaseTaskStatus.InProgress))).ToList();

            var userId = actor.UserId;
            var claimed = await db.Items.AsNoTracking()
                .Where(i => i.Status == TriageStatus.Claimed && i.ClaimedBy == userId && i.ClaimExpiresAt > now)
                .OrderBy(i => i.CollectedAt)
                .Select(i => new ItemEntry(i.Id, i.Channel, i.Title, i.CollectedAt))
                .ToListAsync(cancellationToken);

            var open = CaseWorkflow.OpenStates.ToList();
            var owned = await db.Cases.AsNoTracking()
                .Where(c => c.OwnerId == userId && open.Contains(c.State))
                .Select(c => new { c.Id, c.Number, c.Title, c.State, c.RiskLevel })
                .ToListAsync(cancellationToken);
            var facts = await db.LoadClockFactsAsync(owned.Select(c => c.Id).ToList(), cancellationToken);
            var urgent = facts.MostUrgentClocks(policies.History, now);
            var atRisk = owned
                .Where(c => urgent.TryGetValue(c.Id, out var due) && due.StateAt(now) is ClockState.Warning or ClockState.Breached)
                .Select(c => new ClockEntry(c.Id, c.Number, c.Title, c.State, c.RiskLevel, urgent[c.Id]))
                .OrderBy(c => c.Clock.DueAt)
                .ToList();

            return new Result(plans, responses, toAccept, toAnswer, claimed, atRisk, await DecisionsToApproveAsync(db, actor, cancellationToken));
        }

        /// <summary>Submitted assessments of the units this user heads: the same rule as the domain's approval (<see cref="DecisionAssessment.IsDecidedBy"/>).</summary>
        private static async Task<IReadOnlyList<DecisionEntry>> DecisionsToApproveAsync(OpinionDbContext db, Actor actor, CancellationToken cancellationToken)
        {
            if (!actor.Has(Role.UnitHead))
            {
                return [];
            }

            var units = actor.UnitIds.ToList();
            return await db.DecisionAssessments.AsNoTracking()
                .Where(d => d.State == DecisionState.Submitted && units.Contains(d.UnitId))
                .OrderBy(d => d.SubmittedAt)
                .Select(d => new DecisionEntry(d.Id, d.Title, db.Units.Where(u => u.Id == d.UnitId).Select(u => u.Name).First(), d.RiskLevel, d.SubmittedAt))
                .ToListAsync(cancellationToken);
        }

        private static CaseEntry Entry(Case @case, string detail) =>
            new(@case.Id, @case.Number, @case.Title, @case.State, @case.RiskLevel, detail);

        private static string TaskText(Case @case, Actor actor, Func<CaseTask, bool> status) =>
            string.Join("；", @case.Tasks.Where(t => status(t) && actor.BelongsTo(t.UnitId)).Select(t => t.Description.Length > 60 ? t.Description[..60] + "…" : t.Description));
    }
}
