using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Duty;
using OpinionResponse.App.Common.Live;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Notifications;

namespace OpinionResponse.App.Features.Notifications;

/// <summary>
/// Who hears about a case change in their bell. The rows go into the change's own DbContext, so they commit in the
/// same SaveChanges as the change (a rolled-back comment never rings anyone); the caller then publishes
/// <see cref="NotificationsChanged"/> for the returned users (<see cref="BellRefresh"/>), after commit. Nobody is
/// notified of their own action, and only people who may open the case are notified of it (a notification carries the
/// case's number, title and an excerpt). <see cref="CaseBells"/> calls it for the events of case commands.
/// </summary>
public static class Notifier
{
    private const int ExcerptLength = 200;

    private static readonly Role[] Chiefs = [Role.SectionChief, Role.UnitHead];

    /// <summary>Everyone written as "@显示名" in <paramref name="text"/>, once each, who may see the case.</summary>
    public static async Task<IReadOnlyList<string>> MentionedAsync(OpinionDbContext db, Case @case, Actor actor, DateTime now, string text,
        CancellationToken cancellationToken)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        var colleagues = await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.DisplayName != "")
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        var names = MentionedNames(text, colleagues.Select(c => c.DisplayName).Distinct().ToList());
        var mentioned = colleagues.Where(c => names.Contains(c.DisplayName)).Select(c => c.Id).ToList();
        var seeing = await WhoMaySeeAsync(db, @case, mentioned, cancellationToken);
        return Add(db, seeing, NotificationKind.Mention, @case, actor, now, text);
    }

    /// <summary>The plan waits for a signature: every user who could give a missing one and handles the case (not its drafter).</summary>
    public static async Task<IReadOnlyList<string>> SignersAsync(OpinionDbContext db, Case @case, Actor actor, DateTime now,
        CancellationToken cancellationToken)
    {
        var plan = @case.CurrentPlan!;
        var signers = await HandlersAsync(db, @case, @case.RequiredSignatureRoles(), cancellationToken);
        return Add(db, signers.Where(id => id != plan.DraftedById), NotificationKind.SignatureRequest, @case, actor, now, plan.Measures);
    }

    /// <summary>A task went to unit <paramref name="unitId"/> (转办): every active member of that unit.</summary>
    public static async Task<IReadOnlyList<string>> UnitOfTaskAsync(OpinionDbContext db, Case @case, Actor actor, DateTime now, int unitId,
        string description, CancellationToken cancellationToken)
    {
        var members = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserUnits.Any(uu => uu.UserId == u.Id && uu.UnitId == unitId))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        return Add(db, members, NotificationKind.TaskForUnit, @case, actor, now, description);
    }

    /// <summary>A response waits for approval: the chiefs who handle the case (not its drafter, who may not approve it).</summary>
    public static async Task<IReadOnlyList<string>> ApproversAsync(OpinionDbContext db, Case @case, Actor actor, DateTime now,
        PublicResponse response, CancellationToken cancellationToken)
    {
        var chiefs = await HandlersAsync(db, @case, Chiefs, cancellationToken);
        return Add(db, chiefs.Where(id => id != response.DraftedById), NotificationKind.ApprovalRequest, @case, actor, now, response.Text);
    }

    /// <summary>
    /// A case was assessed 重大/特别重大 (policy 二（四）: 24 小时专人值守): the 带班领导 and 值班员 on duty now hear of it, or —
    /// nobody rostered — the opinion office's unit head, with the gap said in the line.
    /// </summary>
    public static IReadOnlyList<string> OnDutyOfMajorCase(OpinionDbContext db, Case @case, Actor actor, DateTime now, OnDuty onDuty) =>
        Add(db, onDuty.Recipients, NotificationKind.MajorCase, @case, actor, now, MajorCaseDetail(@case.RiskLevel!.Value, onDuty.IsGap));

    /// <summary>"Major" or "Critical gap": the level, and whether nobody was on duty, for the line to say in the reader's language.</summary>
    public static string MajorCaseDetail(RiskLevel level, bool nobodyOnDuty) => nobodyOnDuty ? $"{level} {GapMark}" : level.ToString();

    public const string GapMark = "gap";
    /// <summary>The case has a new owner (负责人): they learn it from their bell.</summary>
    public static IReadOnlyList<string> NewOwner(OpinionDbContext db, Case @case, Actor actor, DateTime now) =>
        Add(db, [@case.OwnerId], NotificationKind.CaseAssigned, @case, actor, now, @case.Summary);

    /// <summary>辟谣移交: the press officers who handle the case are asked for a 辟谣 response.</summary>
    public static async Task<IReadOnlyList<string>> PressOfficersForRebuttalAsync(OpinionDbContext db, Case @case, Actor actor, DateTime now,
        string note, CancellationToken cancellationToken) =>
        Add(db, await HandlersAsync(db, @case, [Role.PressOfficer], cancellationToken), NotificationKind.RebuttalRequest, @case, actor, now, note);

    /// <summary>回应效果评估 is due: the case owner is asked; the excerpt is the hours since publication, for the line to say.</summary>
    public static IReadOnlyList<string> OwnerForEffectCheck(OpinionDbContext db, Case @case, Actor actor, DateTime now, int hours) =>
        Add(db, [@case.OwnerId], NotificationKind.EffectCheckDue, @case, actor, now, hours.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>舆情反弹: the case owner and the section chiefs who handle the case; the excerpt is the first new item's title.</summary>
    public static async Task<IReadOnlyList<string>> OwnerAndChiefsOfReboundAsync(OpinionDbContext db, Case @case, Actor actor, DateTime now,
        string firstItemTitle, CancellationToken cancellationToken)
    {
        var chiefs = await HandlersAsync(db, @case, [Role.SectionChief], cancellationToken);
        return Add(db, chiefs.Prepend(@case.OwnerId), NotificationKind.ReboundAlert, @case, actor, now, firstItemTitle);
    }

    /// <summary>
    /// The display names written after an "@". Names are Chinese without spaces and the text runs straight on
    /// ("@王强请审核"), so at each "@" the longest name the text continues with wins ("@王强强" is not "@王强").
    /// </summary>
    public static IReadOnlySet<string> MentionedNames(string text, IReadOnlyList<string> displayNames)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            var rest = text.AsSpan(at + 1);
            string? longest = null;
            foreach (var name in displayNames)
            {
                if (rest.StartsWith(name, StringComparison.Ordinal) && name.Length > (longest?.Length ?? 0))
                {
                    longest = name;
                }
            }

            if (longest is not null)
            {
                found.Add(longest);
            }
        }

        return found;
    }

    /// <summary>Active users with one of <paramref name="roles"/> in the responsible unit or the opinion office (who handle the case).</summary>
    private static async Task<List<string>> HandlersAsync(OpinionDbContext db, Case @case, IEnumerable<Role> roles, CancellationToken cancellationToken)
    {
        var roleNames = roles.Select(r => r.ToString()).ToList();
        var responsibleUnitId = @case.ResponsibleUnitId;
        var handlingUnits = await db.Units.Where(u => u.Id == responsibleUnitId || u.IsOpinionOffice).Select(u => u.Id)
            .ToListAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled
                        && db.UserUnits.Any(uu => uu.UserId == u.Id && handlingUnits.Contains(uu.UnitId))
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roleNames.Contains(r.Name!))))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Of <paramref name="userIds"/>, those the case is visible to, by the same rule as <see cref="Case.IsVisibleTo"/>.</summary>
    private static async Task<List<string>> WhoMaySeeAsync(OpinionDbContext db, Case @case, List<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var units = await db.UserUnits.AsNoTracking().Where(uu => userIds.Contains(uu.UserId))
            .Join(db.Units, uu => uu.UnitId, u => u.Id, (uu, u) => new { uu.UserId, u.Id, u.IsOpinionOffice })
            .ToListAsync(cancellationToken);
        var supervisor = nameof(Role.Supervisor);
        var supervisors = await db.UserRoles.AsNoTracking()
            .Where(ur => userIds.Contains(ur.UserId) && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == supervisor))
            .Select(ur => ur.UserId).ToListAsync(cancellationToken);
        return userIds.Where(id =>
        {
            var own = units.Where(u => u.UserId == id).ToList();
            var asActor = Actor.Create(id, id, [], own.Select(u => u.Id), own.Any(u => u.IsOpinionOffice) || supervisors.Contains(id));
            return @case.IsVisibleTo(asActor);
        }).ToList();
    }

    private static IReadOnlyList<string> Add(OpinionDbContext db, IEnumerable<string> userIds, NotificationKind kind, Case @case, Actor actor,
        DateTime now, string? excerpt)
    {
        var recipients = userIds.Where(id => id != actor.UserId).Distinct(StringComparer.Ordinal).ToList();
        db.Notifications.AddRange(recipients.Select(userId => new Notification
        {
            UserId = userId,
            Kind = kind,
            CaseId = @case.Id,
            CaseNumber = @case.Number,
            CaseTitle = Shorten(@case.Title, 200)!,
            ActorName = Shorten(actor.DisplayName, 50)!,
            Excerpt = Shorten(excerpt?.Trim(), ExcerptLength),
            CreatedAt = now,
        }));
        return recipients;
    }

    private static string? Shorten(string? text, int length) =>
        string.IsNullOrEmpty(text) || text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
