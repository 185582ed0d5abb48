using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>
/// One assessment as its page shows it: what was foreseen, its revisions, what the user may do with it now, and — once
/// approved — what happened: the linked cases with their levels, states and items, and 预判是否应验.
/// </summary>
[RequiresPermission(Permission.ViewDecisions)]
public static class GetDecisionAssessment
{
    /// <summary>How far before the planned date a case may have begun and still be offered for linking (reactions start at the rumour of a decision).</summary>
    public const int CandidateDaysBefore = 30;

    public sealed record Query(int Id) : IQuery<View>;

    public sealed record LinkedCase(int CaseId, string Number, string Title, RiskLevel? RiskLevel, CaseState State, int Items, string LinkedByName, DateTime LinkedAt);

    public sealed record CaseOption(int CaseId, string Number, string Title);

    public sealed record View(
        DecisionAssessment Assessment,
        string UnitName,
        IReadOnlyList<LinkedCase> Cases,
        int ItemCount,
        DecisionForecast Forecast,
        IReadOnlyList<CaseOption> Candidates,
        bool MayEdit,
        bool MayDecide,
        bool MayEnd,
        bool MayFollowUp);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser) : IQueryHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var assessment = await db.DecisionAssessments.AsNoTracking().VisibleTo(actor).SingleOrDefaultAsync(d => d.Id == query.Id, cancellationToken)
                             ?? throw new NotFoundException($"Decision assessment {query.Id} is not visible to {actor.UserId}.");
            var unitName = await db.Units.Where(u => u.Id == assessment.UnitId).Select(u => u.Name).SingleAsync(cancellationToken);

            // Linked cases the user may not see (another unit's) still count in the figures but are not named.
            var linkedIds = assessment.CaseLinks.Select(l => l.CaseId).ToList();
            var visible = await db.Cases.VisibleTo(actor).Where(c => linkedIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
            var linked = await db.Cases.AsNoTracking().Where(c => linkedIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Number, c.Title, c.RiskLevel, c.State, Items = db.Items.Count(i => i.CaseId == c.Id) })
                .ToListAsync(cancellationToken);
            var cases = assessment.CaseLinks.Join(linked.Where(c => visible.Contains(c.Id)), l => l.CaseId, c => c.Id,
                    (l, c) => new LinkedCase(c.Id, c.Number, c.Title, c.RiskLevel, c.State, c.Items, l.LinkedByName, l.LinkedAt))
                .OrderByDescending(c => c.RiskLevel).ThenBy(c => c.Number, StringComparer.Ordinal)
                .ToList();
            var forecast = DecisionForecast.Of(assessment, linked.Select(c => c.RiskLevel).ToList());

            var mayRecord = actor.HasAny(RequiresPermissionAttribute.RolesFor(Permission.RecordDecisions));
            var ownUnit = mayRecord && actor.BelongsTo(assessment.UnitId);
            var mayFollowUp = mayRecord && assessment.IsFollowedUp;
            var candidates = mayFollowUp ? await CandidatesAsync(db, actor, assessment, linkedIds, cancellationToken) : [];

            return new View(assessment, unitName, cases, linked.Sum(c => c.Items), forecast, candidates,
                MayEdit: ownUnit && assessment.IsEditable,
                MayDecide: assessment.State == DecisionState.Submitted && assessment.IsDecidedBy(actor),
                MayEnd: ownUnit && assessment.State is not (DecisionState.Implemented or DecisionState.Withdrawn),
                MayFollowUp: mayFollowUp);
        }

        private static async Task<IReadOnlyList<CaseOption>> CandidatesAsync(OpinionDbContext db, Actor actor, DecisionAssessment assessment,
            List<int> linkedIds, CancellationToken cancellationToken)
        {
            var since = assessment.PlannedOn.AddDays(-CandidateDaysBefore).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return await db.Cases.AsNoTracking().VisibleTo(actor)
                .Where(c => c.CreatedAt >= since && !linkedIds.Contains(c.Id))
                .OrderByDescending(c => c.CreatedAt).Take(100)
                .Select(c => new CaseOption(c.Id, c.Number, c.Title))
                .ToListAsync(cancellationToken);
        }
    }
}
