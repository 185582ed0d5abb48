using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Duty;

/// <summary>
/// The unit half of <see cref="Permission.ManageDuty"/>: the permission table lets section chiefs through by role, but
/// only those of the town's opinion office run its clocks and roster; a village's chief is refused here.
/// </summary>
public static class DutyManagers
{
    public static async Task EnsureAsync(OpinionDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        if (actor.Has(Role.Admin))
        {
            return;
        }

        var units = actor.UnitIds.ToList();
        if (!await db.Units.AnyAsync(u => units.Contains(u.Id) && u.IsOpinionOffice, cancellationToken))
        {
            throw new ForbiddenException($"{actor.DisplayName} is not a section chief of the opinion office.");
        }
    }
}
