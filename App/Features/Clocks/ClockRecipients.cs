using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Duty;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Notifications;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>What a clock notification points to: a case (its number and title), or an item waiting in the triage queue.</summary>
public sealed record ClockSubject(int? CaseId, int? ItemId, string Number, string Title)
{
    public static ClockSubject Of(Case @case) => new(@case.Id, null, @case.Number, @case.Title);

    public static ClockSubject Of(OpinionItem item) => new(null, item.Id, string.Empty, item.Title);
}

/// <summary>
/// Who hears of a clock (DESIGN §2.2): at 75 % the people who must act now — the case owner, the unit that holds a task,
/// the duty officer for an item; at 100 % the section chiefs and unit heads of the units concerned and of the opinion
/// office, and whoever is on duty at that moment. The rows go into the handler's DbContext, so they commit with the
/// alert or not at all.
/// </summary>
public static class ClockRecipients
{
    private static readonly string[] Chiefs = [nameof(Role.SectionChief), nameof(Role.UnitHead)];

    /// <summary>The case owner.</summary>
    public static async Task<IReadOnlyList<string>> WarnOwnerAsync(OpinionDbContext db, Case @case, ClockAlert alert, DateTime now,
        CancellationToken cancellationToken)
    {
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == @case.OwnerId && !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken);
        return Add(db, owner, NotificationKind.ClockWarning, ClockSubject.Of(@case), alert, now);
    }

    /// <summary>Everyone active in <paramref name="unitId"/> (its head and members): the unit that holds a task.</summary>
    public static async Task<IReadOnlyList<string>> WarnUnitAsync(OpinionDbContext db, Case @case, int unitId, ClockAlert alert, DateTime now,
        CancellationToken cancellationToken)
    {
        var members = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserUnits.Any(uu => uu.UserId == u.Id && uu.UnitId == unitId))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        return Add(db, members, NotificationKind.ClockWarning, ClockSubject.Of(@case), alert, now);
    }

    /// <summary>
    /// The chiefs of the case's responsible unit, of the opinion office and of <paramref name="alsoUnitId"/> (the unit
    /// holding a task), and <paramref name="onDuty"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EscalateAsync(OpinionDbContext db, Case @case, ClockAlert alert, IReadOnlyList<string> onDuty,
        DateTime now, CancellationToken cancellationToken, int? alsoUnitId = null)
    {
        var unitId = @case.ResponsibleUnitId;
        var handlingUnits = await db.Units.Where(u => u.Id == unitId || u.Id == alsoUnitId || u.IsOpinionOffice).Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var chiefs = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled
                        && db.UserUnits.Any(uu => uu.UserId == u.Id && handlingUnits.Contains(uu.UnitId))
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && Chiefs.Contains(r.Name!))))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        return Add(db, [.. chiefs, .. onDuty], NotificationKind.ClockBreach, ClockSubject.Of(@case), alert, now);
    }

    /// <summary>
    /// An item's triage clock is the duty desk's: the 值班员 on duty hears of the warning; the breach also goes to the
    /// 带班领导. With nobody rostered, the opinion office's duty officers hear of both, and of the breach its unit head too.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ItemAsync(OpinionDbContext db, OpinionItem item, ClockAlert alert, OnDuty onDuty, DateTime now,
        CancellationToken cancellationToken)
    {
        List<string> officers = onDuty.Shift is { } shift
            ? [shift.OfficerId]
            : await OfficeDutyOfficersAsync(db, cancellationToken);
        var breach = alert.Threshold == ClockThreshold.Breach;
        var recipients = breach ? [.. onDuty.Recipients, .. officers] : officers;
        var active = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id) && !u.IsDisabled).Select(u => u.Id)
            .ToListAsync(cancellationToken);
        return Add(db, active, breach ? NotificationKind.ClockBreach : NotificationKind.ClockWarning, ClockSubject.Of(item), alert, now);
    }

    private static Task<List<string>> OfficeDutyOfficersAsync(OpinionDbContext db, CancellationToken cancellationToken)
    {
        var officer = nameof(Role.DutyOfficer);
        return db.Users.AsNoTracking()
            .Where(u => db.UserUnits.Any(uu => uu.UserId == u.Id && db.Units.Any(x => x.Id == uu.UnitId && x.IsOpinionOffice))
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == officer)))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }

    private static IReadOnlyList<string> Add(OpinionDbContext db, IEnumerable<string> userIds, NotificationKind kind, ClockSubject subject,
        ClockAlert alert, DateTime now)
    {
        var recipients = userIds.Distinct(StringComparer.Ordinal).ToList();
        db.Notifications.AddRange(recipients.Select(userId => new Notification
        {
            UserId = userId,
            Kind = kind,
            CaseId = subject.CaseId,
            ItemId = subject.ItemId,
            CaseNumber = subject.Number,
            CaseTitle = subject.Title.Length <= 200 ? subject.Title : subject.Title[..200],
            ActorName = Case.SystemActorName,
            // The clock and its due time, for the line to show in the reader's language.
            Excerpt = ClockBreached.Detail(alert.Clock, alert.DueAt, alert.PolicyVersion),
            CreatedAt = now,
        }));
        return recipients;
    }
}
