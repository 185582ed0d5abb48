using System.Text;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Cases;

/// <summary>One row of the transition table: who may fire <see cref="Trigger"/> in <see cref="From"/>, and where it leads.</summary>
public sealed record Transition(CaseTrigger Trigger, CaseState From, CaseState To, IReadOnlySet<Role> Roles, string Guard)
{
    public bool KeepsState => From == To;
}

/// <summary>
/// The transition table of DESIGN §2.1. It is the one source for the guards in <see cref="Case"/>, the actions offered
/// to a user, the tests over every state × trigger pair and the workflow diagram in the README.
/// </summary>
public static class CaseWorkflow
{
    public static readonly IReadOnlySet<CaseState> OpenStates = new HashSet<CaseState>
    {
        CaseState.Collected, CaseState.Assessing, CaseState.Reporting, CaseState.PlanDrafting, CaseState.PlanApproval,
        CaseState.Disposing, CaseState.Responding, CaseState.Published,
    };

    private static readonly CaseState[] Working = [CaseState.Disposing, CaseState.Responding, CaseState.Published];
    private static readonly CaseState[] AfterAssessment =
        [CaseState.Reporting, CaseState.PlanDrafting, CaseState.PlanApproval, CaseState.Disposing, CaseState.Responding, CaseState.Published];
    private static readonly Role[] Workers = [Role.DutyOfficer, Role.Analyst, Role.SectionChief, Role.UnitHead, Role.PressOfficer];
    private static readonly Role[] Chiefs = [Role.SectionChief, Role.UnitHead];

    public static IReadOnlyList<Transition> Transitions { get; } = Build();

    public static bool IsOpen(CaseState state) => OpenStates.Contains(state);

    public static Transition? Find(CaseTrigger trigger, CaseState from) =>
        Transitions.FirstOrDefault(t => t.Trigger == trigger && t.From == from);

    private static List<Transition> Build()
    {
        var rows = new List<Transition>();

        void Row(CaseTrigger trigger, IEnumerable<CaseState> from, CaseState? to, IEnumerable<Role> roles, string guard)
        {
            var roleSet = roles.ToHashSet();
            rows.AddRange(from.Select(f => new Transition(trigger, f, to ?? f, roleSet, guard)));
        }

        Row(CaseTrigger.StartAssessment, [CaseState.Collected], CaseState.Assessing, [Role.Analyst, Role.DutyOfficer], "");
        Row(CaseTrigger.CompleteAssessment, [CaseState.Assessing], CaseState.Reporting, [Role.Analyst],
            "risk level, nature, trend, risks, response decision; override needs justification");
        Row(CaseTrigger.RecordReport, AfterAssessment, null, [Role.Analyst, Role.SectionChief], "recipients, channel, time, content");
        Row(CaseTrigger.SubmitReport, [CaseState.Reporting], CaseState.PlanDrafting, [Role.Analyst],
            "≥1 report; 重大/特别重大 include 上级");
        Row(CaseTrigger.SavePlan, [CaseState.PlanDrafting], null, [Role.Analyst], "");
        Row(CaseTrigger.SubmitPlan, [CaseState.PlanDrafting], CaseState.PlanApproval, [Role.Analyst],
            "measures, responsible persons, offline actions, response approach");
        Row(CaseTrigger.SignPlan, [CaseState.PlanApproval], CaseState.Disposing, Chiefs,
            "all required signatures; not the drafter; 重大+ needs UnitHead");
        Row(CaseTrigger.RejectPlan, [CaseState.PlanApproval], CaseState.PlanDrafting, Chiefs, "comment");
        Row(CaseTrigger.AssignTask, Working, null, [Role.SectionChief, Role.Analyst], "unit, due time");
        Row(CaseTrigger.AcceptTask, Working, null, Workers, "member of the task's unit");
        Row(CaseTrigger.GiveTaskFeedback, Working, null, Workers, "member of the task's unit; feedback");
        Row(CaseTrigger.BeginResponse, [CaseState.Disposing], CaseState.Responding, [Role.PressOfficer, Role.Analyst],
            "response needed");
        Row(CaseTrigger.DraftResponse, [CaseState.Responding, CaseState.Published], null, [Role.PressOfficer], "");
        Row(CaseTrigger.SubmitResponse, [CaseState.Responding, CaseState.Published], null, [Role.PressOfficer], "a draft");
        Row(CaseTrigger.ApproveResponse, [CaseState.Responding, CaseState.Published], null, Chiefs, "not the drafter");
        Row(CaseTrigger.RejectResponse, [CaseState.Responding, CaseState.Published], null, Chiefs, "comment");
        Row(CaseTrigger.RecordConfirmation, [CaseState.Responding, CaseState.Published], null, [Role.PressOfficer],
            "an approved response awaiting 会签");
        Row(CaseTrigger.PublishResponse, [CaseState.Responding], CaseState.Published, [Role.PressOfficer],
            "approved and confirmed (会签)");
        Row(CaseTrigger.PublishResponse, [CaseState.Published], null, [Role.PressOfficer], "follow-up: approved and confirmed");
        Row(CaseTrigger.Close, [CaseState.Published], CaseState.Closed, [Role.SectionChief], "tasks done; summary; raiser feedback");
        Row(CaseTrigger.Close, [CaseState.Disposing], CaseState.Closed, [Role.SectionChief],
            "no public response needed; tasks done; summary");
        Row(CaseTrigger.Dismiss, [CaseState.Collected, CaseState.Assessing], CaseState.Dismissed, [Role.SectionChief], "reason");
        Row(CaseTrigger.Merge, OpenStates, CaseState.Merged, [Role.SectionChief], "open target case");
        Row(CaseTrigger.Reopen, [CaseState.Closed], CaseState.Assessing, [Role.SectionChief], "reason (舆情反弹)");
        Row(CaseTrigger.EditSummary, OpenStates, null, [Role.DutyOfficer, Role.Analyst, Role.SectionChief], "");
        Row(CaseTrigger.Comment, Enum.GetValues<CaseState>(), null, Workers, "text");
        return rows;
    }

    /// <summary>The state diagram of the state-changing rows, as Mermaid, for the README.</summary>
    public static string ToMermaid()
    {
        var sb = new StringBuilder();
        sb.Append("stateDiagram-v2\n");
        sb.Append("    [*] --> Collected\n");
        foreach (var group in Transitions.Where(t => !t.KeepsState && t.Trigger != CaseTrigger.Merge)
                     .GroupBy(t => (t.From, t.To), t => t))
        {
            var label = string.Join(" / ", group.Select(t =>
                $"{t.Trigger} ({string.Join(", ", t.Roles.Order())})").Distinct());
            sb.Append($"    {group.Key.From} --> {group.Key.To}: {label}\n");
        }

        sb.Append("    note right of Merged: Merge (SectionChief) from every open state\n");
        foreach (var open in OpenStates)
        {
            sb.Append($"    {open} --> Merged\n");
        }

        sb.Append("    Closed --> [*]\n    Dismissed --> [*]\n    Merged --> [*]\n");
        return sb.ToString();
    }
}
