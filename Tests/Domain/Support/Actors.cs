using OpinionResponse.Domain.Common;

namespace OpinionResponse.Tests.Domain.Support;

internal static class Clock
{
    public static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
}

/// <summary>The units the test cases involve.</summary>
internal static class Units
{
    public const int Responsible = 1;
    public const int CoHandling = 2;

    /// <summary>A village that cases transfer their tasks to; not one of the case's units.</summary>
    public const int Village = 3;

    public const int Elsewhere = 7;

    /// <summary>The outside units a rumour is handed to (派出所, 网信办).</summary>
    public const int Police = 11;

    public const int Cyberspace = 12;
    public const int OpinionOffice = 9;
}

/// <summary>One member of the responsible unit per role, and the people around them.</summary>
internal static class Actors
{
    public static readonly Actor DutyOfficer = Member("duty", "值班员 周", Role.DutyOfficer);
    public static readonly Actor Analyst = Member("analyst", "研判员 王", Role.Analyst);
    public static readonly Actor SectionChief = Member("chief", "科长 李", Role.SectionChief);
    public static readonly Actor UnitHead = Member("head", "分管领导 张", Role.UnitHead);
    public static readonly Actor PressOfficer = Member("press", "新闻发言人 陈", Role.PressOfficer);

    /// <summary>Every working role, in the village a task goes to, and in none of the case's units.</summary>
    public static readonly Actor VillageCadre = Actor.Create("village", "村干部 赵",
        [Role.DutyOfficer, Role.Analyst, Role.SectionChief, Role.UnitHead, Role.PressOfficer], [Units.Village]);

    public static Actor Member(string userId, string name, params Role[] roles) =>
        Actor.Create(userId, name, roles, [Units.Responsible]);

    /// <summary>Holds <paramref name="roles"/> in the responsible unit and in the village the case's tasks go to.</summary>
    public static Actor Holding(IEnumerable<Role> roles) =>
        Actor.Create("holder", "经办人 孙", roles, [Units.Responsible, Units.Village]);

    public static Actor Outsider(IEnumerable<Role> roles) =>
        Actor.Create("outsider", "外单位 钱", roles, [Units.Elsewhere]);

    /// <summary>A member of the town's opinion office, who reaches every case; also in the village, to act on its tasks.</summary>
    public static Actor OpinionOffice(IEnumerable<Role> roles) =>
        Actor.Create("office", "舆情办 吴", roles, [Units.OpinionOffice, Units.Village], spansAllUnits: true);
}
