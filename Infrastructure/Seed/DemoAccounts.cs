using OpinionResponse.Domain.Common;

namespace OpinionResponse.Infrastructure.Seed;

public sealed record DemoAccount(string UserName, string DisplayName, Role Role, string UnitCode);

/// <summary>
/// The Development demo organisation's accounts. The password is published in the README, so the app refuses to
/// start outside Development while any demo account still has it (SECURITY.md A1).
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Beian-demo-2026";

    public const string TownOffice = "DZB";
    public const string Comprehensive = "ZZB";
    public const string Construction = "CJB";
    public const string SocialAffairs = "SHSWB";
    public const string BinjiangVillage = "BJC";
    public const string PoliceStation = "PCS";

    /// <summary>The town's cyberspace affairs office (网信办): with the police, where a rumour harming public order is handed.</summary>
    public const string CyberspaceOffice = "WXB";

    public static readonly DemoAccount Duty = new("duty", "张伟", Role.DutyOfficer, TownOffice);
    public static readonly DemoAccount Analyst = new("analyst", "李娜", Role.Analyst, TownOffice);
    public static readonly DemoAccount Chief = new("chief", "王强", Role.SectionChief, TownOffice);
    public static readonly DemoAccount Head = new("head", "赵敏", Role.UnitHead, TownOffice);
    public static readonly DemoAccount Press = new("press", "陈静", Role.PressOfficer, TownOffice);
    public static readonly DemoAccount Supervisor = new("supervisor", "刘洋", Role.Supervisor, TownOffice);
    public static readonly DemoAccount Admin = new("admin", "孙磊", Role.Admin, TownOffice);
    public static readonly DemoAccount ConstructionChief = new("cjb.chief", "周杰", Role.SectionChief, Construction);
    public static readonly DemoAccount ConstructionOfficer = new("cjb.officer", "吴芳", Role.Analyst, Construction);
    public static readonly DemoAccount VillageOfficer = new("bjc.officer", "郑浩", Role.DutyOfficer, BinjiangVillage);

    public static IReadOnlyList<DemoAccount> All { get; } =
        [Duty, Analyst, Chief, Head, Press, Supervisor, Admin, ConstructionChief, ConstructionOfficer, VillageOfficer];
}
