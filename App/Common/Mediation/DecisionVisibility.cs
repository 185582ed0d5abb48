using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Mediation;

/// <summary>
/// Which 重大决策舆情风险评估 a user sees: those of their own units; the opinion office and Supervisors see all. The case page
/// (linking) and the decisions pages use the same rule, so an assessment of another unit is never reachable by id.
/// </summary>
public static class DecisionVisibility
{
    public static IQueryable<DecisionAssessment> VisibleTo(this IQueryable<DecisionAssessment> assessments, Actor actor)
    {
        if (actor.SpansAllUnits)
        {
            return assessments;
        }

        var units = actor.UnitIds.ToList();
        return assessments.Where(d => units.Contains(d.UnitId));
    }

    /// <summary>The assessment, tracked, or "not found" when it does not exist or lies outside the user's scope (one answer for both).</summary>
    public static async Task<DecisionAssessment> RequireDecisionAsync(this OpinionDbContext db, Actor actor, int id, CancellationToken cancellationToken) =>
        await db.DecisionAssessments.VisibleTo(actor).SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
        ?? throw new NotFoundException($"Decision assessment {id} is not visible to {actor.UserId}.");
}
