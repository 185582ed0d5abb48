using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Duty;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Duty;

/// <summary>Who is on duty at a moment: the shift's 带班领导 and 值班员, or — nobody rostered — the opinion office's unit head, with the gap flagged.</summary>
public sealed record OnDuty(DutyShift? Shift, IReadOnlyList<string> Recipients)
{
    public bool IsGap => Shift is null;
}

/// <summary>
/// Reads the roster for escalations (policy 二（四）): breaches, escalations and new 重大/特别重大 items go to the people on
/// duty at that moment. A moment nobody covers is a gap: the opinion office's unit head hears instead.
/// </summary>
public sealed class DutyRoster
{
    public async Task<OnDuty> OnDutyAsync(OpinionDbContext db, DateTime at, CancellationToken cancellationToken)
    {
        var shift = await db.DutyShifts.AsNoTracking().Where(s => s.StartsAt <= at && s.EndsAt > at).OrderBy(s => s.StartsAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (shift is not null)
        {
            var ids = shift.PeopleIds.ToList();
            var active = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken);
            return new OnDuty(shift, active);
        }

        var head = nameof(Role.UnitHead);
        var heads = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled
                        && db.UserUnits.Any(uu => uu.UserId == u.Id && db.Units.Any(x => x.Id == uu.UnitId && x.IsOpinionOffice))
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == head)))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        return new OnDuty(null, heads);
    }
}
