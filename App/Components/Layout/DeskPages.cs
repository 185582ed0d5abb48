using System.Security.Claims;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Components.Layout;

/// <summary>
/// The pages of the menu and the permission each needs: the permission of the queries the page sends, so the menu
/// offers a page exactly when its handlers will answer (the behaviour still checks every request). One table for the
/// menu, the page a role starts on, and the tests that open every link of every role.
/// </summary>
public static class DeskPages
{
    public sealed record DeskPage(string Href, Permission Permission);

    public static readonly DeskPage Triage = new("triage", Permission.TriageItems);
    public static readonly DeskPage MyWork = new("my-work", Permission.ViewCases);
    public static readonly DeskPage Cases = new("cases", Permission.ViewCases);
    public static readonly DeskPage Board = new("board", Permission.ViewCases);
    public static readonly DeskPage Dashboard = new("dashboard", Permission.ViewDashboard);
    public static readonly DeskPage Search = new("search", Permission.ViewCases);
    public static readonly DeskPage Import = new("import", Permission.TriageItems);
    public static readonly DeskPage Audit = new("audit", Permission.ViewAudit);
    public static readonly DeskPage Roster = new("duty/roster", Permission.UseDesk);
    public static readonly DeskPage Handover = new("duty/handover", Permission.TriageItems);
    public static readonly DeskPage Breaches = new("breaches", Permission.ViewCases);
    public static readonly DeskPage DailyLog = new("reports/daily-log", Permission.ViewReports);
    public static readonly DeskPage SpecialReports = new("reports/special", Permission.ViewReports);
    public static readonly DeskPage Decisions = new("decisions", Permission.ViewDecisions);
    public static readonly DeskPage Bulletin = new("reports/bulletin", Permission.ViewPerformance);
    public static readonly DeskPage Performance = new("reports/performance", Permission.ViewPerformance);
    public static readonly DeskPage ClockPolicy = new("admin/clock-policy", Permission.ManageDuty);
    public static readonly DeskPage ApiKeys = new("admin/api-keys", Permission.Administer);
    public static readonly DeskPage Feeds = new("admin/feeds", Permission.Administer);
    public static readonly DeskPage Places = new("admin/places", Permission.Administer);
    public static readonly DeskPage Backups = new("admin/backups", Permission.Administer);
    public static readonly DeskPage Users = new("admin/users", Permission.Administer);
    public static readonly DeskPage Units = new("admin/units", Permission.Administer);
    public static readonly DeskPage ScoringPolicy = new("admin/scoring-policy", Permission.Administer);

    public static IReadOnlyList<DeskPage> All { get; } =
        [Triage, MyWork, Cases, Board, Dashboard, Search, Import, Audit, Roster, Handover, Breaches, DailyLog, SpecialReports, Decisions, Bulletin, Performance,
         ClockPolicy, ApiKeys, Feeds, Places, Backups, Users, Units, ScoringPolicy];

    /// <summary>
    /// Where each role's work is, first match wins: whoever triages starts on the queue (it is where new work arrives);
    /// leaders and press officers on what waits for them; supervisors on the clock breaches they judge; administrators
    /// on the accounts.
    /// </summary>
    private static readonly (Role Role, DeskPage Page)[] Landings =
    [
        (Role.DutyOfficer, Triage), (Role.Analyst, Triage), (Role.SectionChief, Triage),
        (Role.UnitHead, MyWork), (Role.PressOfficer, MyWork),
        (Role.Supervisor, Breaches),
        (Role.Admin, Users),
    ];

    public static bool MayOpen(IEnumerable<string> roles, DeskPage page)
    {
        var allowed = RequiresPermissionAttribute.RolesFor(page.Permission);
        return roles.Any(r => Enum.TryParse<Role>(r, out var role) && allowed.Contains(role));
    }

    public static bool MayOpen(ClaimsPrincipal user, DeskPage page) =>
        MayOpen(user.FindAll(ClaimTypes.Role).Select(c => c.Value), page);

    /// <summary>The page a user with <paramref name="roles"/> starts on (a path from the site's root).</summary>
    public static string LandingFor(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        var page = Landings.FirstOrDefault(l => held.Contains(l.Role.ToString())).Page;
        // A user without a working role may still read the roster and their notifications.
        return "/" + (page ?? Roster).Href;
    }

    public static string LandingFor(ClaimsPrincipal user) => LandingFor(user.FindAll(ClaimTypes.Role).Select(c => c.Value));
}
