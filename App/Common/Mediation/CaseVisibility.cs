using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;

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

    /// <summary>
    /// The items <paramref name="actor"/> may see (docs/adr/0005-item-scope.md): all for the opinion office and
    /// Supervisors; for any other unit, the items suggested for it (归口) and the items of cases it may see. An item nobody
    /// has routed yet is the opinion office's to triage, not every village's.
    /// </summary>
    public static IQueryable<OpinionItem> VisibleTo(this IQueryable<OpinionItem> items, IQueryable<Case> cases, Actor actor)
    {
        if (actor.SpansAllUnits)
        {
            return items;
        }

        var units = actor.UnitIds.ToList();
        var visibleCases = cases.VisibleTo(actor).Select(c => c.Id);
        return items.Where(i => (i.SuggestedUnitId != null && units.Contains(i.SuggestedUnitId.Value))
                                || (i.CaseId != null && visibleCases.Contains(i.CaseId.Value)));
    }
}
