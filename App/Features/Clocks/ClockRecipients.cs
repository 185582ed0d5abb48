using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Notifications;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// Who hears of a clock (DESIGN §2.2): at 75 % the people who must act now — the case owner; at 100 % the section
/// chiefs and unit heads of the responsible unit and of the opinion office, and whoever is on duty at that moment.
/// The rows go into the handler's DbContext, so they commit with the alert or not at all.
/// </summary>
public static class ClockRecipients
{
    private static readonly string[] Chiefs = [nameof(Role.SectionChief), nameof(Role.UnitHead)];

    public static async Task<IReadOnlyList<string>> WarnAsync(OpinionDbContext db, Case @case, ClockAlert alert, DateTime now,
        CancellationToken cancellationToken)
    {
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == @case.OwnerId && !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken);
        return Add(db, owner, NotificationKind.ClockWarning, @case, alert, now);
    }

    public static async Task<IReadOnlyList<string>> EscalateAsync(OpinionDbContext db, Case @case, ClockAlert alert, IReadOnlyList<string> onDuty,
        DateTime now, CancellationToken cancellationToken)
    {
        var unitId = @case.ResponsibleUnitId;
        var handlingUnits = await db.Units.Where(u => u.Id == unitId || u.IsOpinionOffice).Select(u => u.Id).ToListAsync(cancellationToken);
        var chiefs = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled
                        && db.UserUnits.Any(uu => uu.UserId == u.Id && handlingUnits.Contains(uu.UnitId))
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && Chiefs.Contains(r.Name!))))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        return Add(db, [.. chiefs, .. onDuty], NotificationKind.ClockBreach, @case, alert, now);
    }

    private static IReadOnlyList<string> Add(OpinionDbContext db, IEnumerable<string> userIds, NotificationKind kind, Case @case, ClockAlert alert,
        DateTime now)
    {
        var recipients = userIds.Distinct(StringComparer.Ordinal).ToList();
        db.Notifications.AddRange(recipients.Select(userId => new Notification
        {
            UserId = userId,
            Kind = kind,
            CaseId = @case.Id,
            CaseNumber = @case.Number,
            CaseTitle = @case.Title.Length <= 200 ? @case.Title : @case.Title[..200],
            ActorName = Case.SystemActorName,
            // The clock and its due time, for the line to show in the reader's language.
            Excerpt = ClockBreached.Detail(alert.Clock, alert.DueAt, alert.PolicyVersion),
            CreatedAt = now,
        }));
        return recipients;
    }
}
