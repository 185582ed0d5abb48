using System.Reflection;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Common.Mediation;

/// <summary>What a request needs beyond being signed in, for requests that are not a case trigger.</summary>
public enum Permission
{
    /// <summary>Lists and lookups every working role needs (units, colleagues).</summary>
    UseDesk,
    /// <summary>Read cases and items (the unit scope is applied by the query).</summary>
    ViewCases,
    /// <summary>Log items by hand and triage the queue: open a case, attach, dismiss.</summary>
    TriageItems,
    /// <summary>Set up the desk: API keys, feeds, the gazetteer of places, thresholds.</summary>
    Administer,
    /// <summary>Read the audit log, verify its chain and export it (Supervisors; Admins read only: nothing alters it).</summary>
    ViewAudit,
    /// <summary>The clock policy and the duty roster: an Admin, or a section chief of the opinion office (the handler checks the office).</summary>
    ManageDuty,
    /// <summary>Decide on a breach of a clock (说明情况 / 通报批评 / 约谈 / 问责): the supervisor's call.</summary>
    SuperviseBreaches,
    /// <summary>The leaders' dashboard: section chiefs, unit heads and supervisors (figures within their unit scope).</summary>
    ViewDashboard,
    /// <summary>Read the 舆情日志 and 舆情专报, print and download them (the unit scope is applied by the query).</summary>
    ViewReports,
    /// <summary>Draft and edit a 舆情专报 from a case: the analyst's work (a section chief may too).</summary>
    DraftSpecialReports,
    /// <summary>Sign (签发) a 舆情专报, which numbers it: a section chief or unit head.</summary>
    SignSpecialReports,
    /// <summary>Compile and edit the 舆情日志: the duty officer's work.</summary>
    KeepDailyLog,
    /// <summary>Sign off the 舆情日志: a leader; the handler also checks the roster names them 带班领导 that day.</summary>
    SignDailyLog,
    /// <summary>定期通报 and 考核: leaders and supervisors; a unit's leaders see their own units only.</summary>
    ViewPerformance,
    /// <summary>Read the 重大决策舆情风险评估 of one's units (the opinion office and Supervisors read all).</summary>
    ViewDecisions,
    /// <summary>Record a unit's 重大决策舆情风险评估, submit it, link cases and record what happened (the handler checks the unit).</summary>
    RecordDecisions,
    /// <summary>Approve or return an assessment: the unit head; the domain checks it is the head of the recording unit.</summary>
    ApproveDecisions,
}

/// <summary>Declares who may send a request. The authorization behaviour refuses a request that declares none.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class PermissionAttribute : Attribute
{
    public abstract IReadOnlySet<Role> Roles { get; }

    public abstract string Name { get; }
}

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(Permission permission) : PermissionAttribute
{
    private static readonly Dictionary<Permission, IReadOnlySet<Role>> Table = new()
    {
        [Permission.UseDesk] = new HashSet<Role> { Role.DutyOfficer, Role.Analyst, Role.SectionChief, Role.UnitHead, Role.PressOfficer, Role.Supervisor, Role.Admin },
        [Permission.ViewCases] = new HashSet<Role> { Role.DutyOfficer, Role.Analyst, Role.SectionChief, Role.UnitHead, Role.PressOfficer, Role.Supervisor },
        [Permission.TriageItems] = new HashSet<Role> { Role.DutyOfficer, Role.Analyst, Role.SectionChief },
        [Permission.Administer] = new HashSet<Role> { Role.Admin },
        [Permission.ViewAudit] = new HashSet<Role> { Role.Supervisor, Role.Admin },
        [Permission.ManageDuty] = new HashSet<Role> { Role.Admin, Role.SectionChief },
        [Permission.SuperviseBreaches] = new HashSet<Role> { Role.Supervisor },
        [Permission.ViewDashboard] = new HashSet<Role> { Role.SectionChief, Role.UnitHead, Role.Supervisor },
        [Permission.ViewReports] = new HashSet<Role> { Role.DutyOfficer, Role.Analyst, Role.SectionChief, Role.UnitHead, Role.PressOfficer, Role.Supervisor },
        [Permission.DraftSpecialReports] = new HashSet<Role> { Role.Analyst, Role.SectionChief },
        [Permission.SignSpecialReports] = new HashSet<Role> { Role.SectionChief, Role.UnitHead },
        [Permission.KeepDailyLog] = new HashSet<Role> { Role.DutyOfficer },
        [Permission.SignDailyLog] = new HashSet<Role> { Role.SectionChief, Role.UnitHead },
        [Permission.ViewPerformance] = new HashSet<Role> { Role.SectionChief, Role.UnitHead, Role.Supervisor },
        [Permission.ViewDecisions] = new HashSet<Role> { Role.DutyOfficer, Role.Analyst, Role.SectionChief, Role.UnitHead, Role.PressOfficer, Role.Supervisor },
        [Permission.RecordDecisions] = new HashSet<Role> { Role.Analyst, Role.SectionChief, Role.UnitHead },
        [Permission.ApproveDecisions] = new HashSet<Role> { Role.UnitHead },
    };

    public Permission Permission { get; } = permission;

    public override IReadOnlySet<Role> Roles => Table[Permission];

    public override string Name => Permission.ToString();

    public static IReadOnlySet<Role> RolesFor(Permission permission) => Table[permission];
}

/// <summary>A request that fires a case trigger: its roles are the workflow table's for that trigger.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CaseActionAttribute(CaseTrigger trigger) : PermissionAttribute
{
    public CaseTrigger Trigger { get; } = trigger;

    public override IReadOnlySet<Role> Roles { get; } =
        CaseWorkflow.Transitions.Where(t => t.Trigger == trigger).SelectMany(t => t.Roles).ToHashSet();

    public override string Name => Trigger.ToString();
}

public static class PermissionOf<TMessage>
{
    public static PermissionAttribute? Attribute { get; } = Find(typeof(TMessage));

    /// <summary>On the request type, or on the use-case class it is nested in (<c>SignPlan.Command</c>).</summary>
    public static PermissionAttribute? Find(Type type) =>
        type.GetCustomAttribute<PermissionAttribute>() ?? type.DeclaringType?.GetCustomAttribute<PermissionAttribute>();
}

/// <summary>A request about one case: the behaviour refuses it unless the case is visible to the user.</summary>
public interface ICaseRequest
{
    int CaseId { get; }
}

/// <summary>A request about one item: the authorization behaviour answers "not found" when the item is outside the user's scope.</summary>
public interface IItemRequest
{
    int ItemId { get; }
}
