using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Common.Mediation;

public static class CaseVisibility
{
    /// <summary>
    /// The cases <paramref name="actor"/> may see, in SQL: the same rule as <see cref="Case.IsVisibleTo"/> (units handling
    /// it, units a task went to, the owner), or all for the opinion office and Supervisors.
    /// </summary>
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, Actor actor)
    {
        if (actor.SpansAllUnits)
        {
            return cases;
        }

        var units = actor.UnitIds.ToList();
        var userId = actor.UserId;
        return cases.Where(c => units.Contains(c.ResponsibleUnitId)
                                || c.CoUnits.Any(u => units.Contains(u.UnitId))
                                || c.Tasks.Any(t => units.Contains(t.UnitId))
                                || c.OwnerId == userId);
    }
}
