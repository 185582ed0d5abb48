using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>The assessments this user may see, latest planned date first; filters by unit, state and risk level.</summary>
[RequiresPermission(Permission.ViewDecisions)]
public static class ListDecisionAssessments
{
    public const int MaxRows = 300;

    public sealed record Query(int? UnitId = null, DecisionState? State = null, RiskLevel? RiskLevel = null) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Title, string UnitName, DateOnly PlannedOn, DecisionState State, RiskLevel RiskLevel,
        string RecordedByName, DateTime UpdatedAt, int LinkedCases);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser)
        : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var assessments = db.DecisionAssessments.AsNoTracking().VisibleTo(actor);
            if (query.UnitId is { } unitId)
            {
                assessments = assessments.Where(d => d.UnitId == unitId);
            }

            if (query.State is { } state)
            {
                assessments = assessments.Where(d => d.State == state);
            }

            if (query.RiskLevel is { } level)
            {
                assessments = assessments.Where(d => d.RiskLevel == level);
            }

            return await assessments
                .OrderByDescending(d => d.PlannedOn).ThenByDescending(d => d.Id)
                .Take(MaxRows)
                .Select(d => new Row(d.Id, d.Title, db.Units.Where(u => u.Id == d.UnitId).Select(u => u.Name).First(), d.PlannedOn, d.State,
                    d.RiskLevel, d.RecordedByName, d.UpdatedAt, d.CaseLinks.Count))
                .ToListAsync(cancellationToken);
        }
    }
}
