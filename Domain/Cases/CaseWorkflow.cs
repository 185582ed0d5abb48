using System.Text;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Cases;

/// <summary>Who, besides the row's roles, reaches a case for a trigger.</summary>
public enum CaseReach
{
    /// <summary>Those who handle the case as a whole (<see cref="Case.IsHandledBy"/>).</summary>
    Handlers,

    /// <summary>Everyone who sees the case, co-handling and task units included (<see cref="Case.IsVisibleTo"/>).</summary>
    Viewers,
}

/// <summary>
/// A data guard of a row: when <see cref="Applies"/> holds, the trigger is refused with <see cref="Error"/>. When
/// <see cref="Explained"/>, the case page says so where the action's button would be (办结 while a task is open): the user
/// expects the action and must learn what it waits for. A guard that only says there is nothing to act on (no task, no
/// response to review) is not explained: it would stand beside every case.
/// </summary>
public sealed record Refusal(string Error, Func<Case, Actor, bool> Applies, bool Explained = true);

/// <summary>
/// One row of the transition table: who may fire <see cref="Trigger"/> in <see cref="From"/>, where it leads, and the
/// data guards that must pass first (<see cref="Refusals"/>, in order; the first that applies names the refusal).
/// <see cref="Requires"/> describes, for a reader, everything the trigger needs, including the input its method checks.
/// </summary>
public sealed record Transition(
    CaseTrigger Trigger, CaseState From, CaseState To, IReadOnlySet<Role> Roles, CaseReach Reach, string Requires,
    IReadOnlyList<Refusal> Refusals)
{
    public bool KeepsState => From == To;

    /// <summary>The first data guard that refuses <paramref name="actor"/> on <paramref name="case"/>, or null.</summary>
    public string? RefusalFor(Case @case, Actor actor) => FirstRefusal(@case, actor)?.Error;

    public Refusal? FirstRefusal(Case @case, Actor actor) => Refusals.FirstOrDefault(r => r.Applies(@case, actor));
}

/// <summary>
/// The transition table of DESIGN §2.1. It is the one source for the guards in <see cref="Case"/> (role, reach and
/// data), the actions offered to a user, the tests over every state × trigger pair and the workflow diagram in the
/// README. Adding a trigger is one row here plus its method on <see cref="Case"/> and its command (ADR 0002).
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

    // Declared before Transitions: static fields initialise in text order and Build() uses them.
    private static Refusal When(string error, Func<Case, Actor, bool> applies) => new(error, applies);

    /// <summary>A guard that finds nothing to act on: refused, but not explained (see <see cref="Refusal.Explained"/>).</summary>
    private static Refusal NothingWhen(string error, Func<Case, Actor, bool> applies) => new(error, applies, Explained: false);

    private static readonly Refusal NoPlanToSign =
        NothingWhen(DomainErrors.NoPlanToSign, (c, _) => c.CurrentPlan is not { Status: PlanStatus.Submitted });

    private static readonly Refusal NoResponseInReview =
        NothingWhen(DomainErrors.ResponseNotFound, (c, _) => !c.Responses.Any(r => r.Status == ResponseStatus.InReview));

    private static readonly Refusal TasksOpen = When(DomainErrors.TasksOpen, (c, _) => c.Tasks.Any(t => !t.IsDone));

    private static readonly Refusal[] PublishGuards =
    [
        When(DomainErrors.ResponseNotApproved, (c, _) => !c.Responses.Any(r => r.Status == ResponseStatus.Approved)),
        When(DomainErrors.ConfirmationsMissing, (c, _) => !c.Responses.Any(r => r.Status == ResponseStatus.Approved && r.AllConfirmed)),
    ];

    public static IReadOnlyList<Transition> Transitions { get; } = Build();

    public static bool IsOpen(CaseState state) => OpenStates.Contains(state);

    public static Transition? Find(CaseTrigger trigger, CaseState from) =>
        Transitions.FirstOrDefault(t => t.Trigger == trigger && t.From == from);

    private static List<Transition> Build()
    {
        var rows = new List<Transition>();

        void Row(CaseTrigger trigger, IEnumerable<CaseState> from, CaseState? to, IEnumerable<Role> roles, string requires,
            params Refusal[] refusals) =>
            AddRows(trigger, from, to, roles, CaseReach.Handlers, requires, refusals);

        void ViewerRow(CaseTrigger trigger, IEnumerable<CaseState> from, IEnumerable<Role> roles, string requires,
            params Refusal[] refusals) =>
            AddRows(trigger, from, null, roles, CaseReach.Viewers, requires, refusals);

        void AddRows(CaseTrigger trigger, IEnumerable<CaseState> from, CaseState? to, IEnumerable<Role> roles, CaseReach reach,
            string requires, Refusal[] refusals)
        {
            var roleSet = roles.ToHashSet();
            rows.AddRange(from.Select(f => new Transition(trigger, f, to ?? f, roleSet, reach, requires, refusals)));
        }

        Row(CaseTrigger.StartAssessment, [CaseState.Collected], CaseState.Assessing, [Role.Analyst, Role.DutyOfficer], "");
        Row(CaseTrigger.CompleteAssessment, [CaseState.Assessing], CaseState.Reporting, [Role.Analyst],
            "risk level, nature, trend, risks, response decision; override needs justification");
        Row(CaseTrigger.RecordReport, AfterAssessment, null, [Role.Analyst, Role.SectionChief], "recipients, channel, time, content");
        Row(CaseTrigger.SubmitReport, [CaseState.Reporting], CaseState.PlanDrafting, [Role.Analyst],
            "≥1 report; 重大/特别重大 include 上级",
            When(DomainErrors.ReportMissing, (c, _) => c.Reports.Count == 0),
            When(DomainErrors.HigherLevelReportMissing, (c, _) => c.IsMajor && c.Reports.All(r => r.Level != ReportLevel.HigherLevel)));
        Row(CaseTrigger.SavePlan, [CaseState.PlanDrafting], null, [Role.Analyst], "");
        Row(CaseTrigger.SubmitPlan, [CaseState.PlanDrafting], CaseState.PlanApproval, [Role.Analyst],
            "measures, responsible persons, offline actions, response approach",
            When(DomainErrors.PlanIncomplete, (c, _) => c.CurrentPlan is not { Status: PlanStatus.Draft, IsComplete: true }));
        Row(CaseTrigger.SignPlan, [CaseState.PlanApproval], CaseState.Disposing, Chiefs,
            "all required signatures; not the drafter; 重大+ needs UnitHead",
            NoPlanToSign,
            When(DomainErrors.SignerDraftedPlan, (c, a) => c.CurrentPlan!.DraftedById == a.UserId),
            When(DomainErrors.AlreadySigned, (c, a) => c.CurrentPlan!.Signatures.Any(s => s.SignerId == a.UserId)),
            When(DomainErrors.SignatureNotNeeded, (c, a) => c.SignatureRoleFor(a, c.CurrentPlan!) is null));
        Row(CaseTrigger.RejectPlan, [CaseState.PlanApproval], CaseState.PlanDrafting, Chiefs, "comment", NoPlanToSign);
        Row(CaseTrigger.AssignTask, Working, null, [Role.SectionChief, Role.Analyst], "unit, due time");
        ViewerRow(CaseTrigger.AcceptTask, Working, Workers, "member of the task's unit",
            NothingWhen(DomainErrors.TaskNotFound, (c, _) => !c.Tasks.Any(t => t.Status == CaseTaskStatus.Pending)),
            NothingWhen(DomainErrors.TaskWrongUnit, (c, a) => !c.Tasks.Any(t => t.Status == CaseTaskStatus.Pending && a.BelongsTo(t.UnitId))));
        ViewerRow(CaseTrigger.GiveTaskFeedback, Working, Workers, "member of the task's unit; feedback",
            NothingWhen(DomainErrors.TaskNotFound, (c, _) => !c.Tasks.Any(t => !t.IsDone)),
            NothingWhen(DomainErrors.TaskWrongUnit, (c, a) => !c.Tasks.Any(t => !t.IsDone && a.BelongsTo(t.UnitId))));
        Row(CaseTrigger.BeginResponse, [CaseState.Disposing], CaseState.Responding, [Role.PressOfficer, Role.Analyst],
            "response needed",
            When(DomainErrors.ResponseNotNeeded, (c, _) => !c.ResponseNeeded));
        Row(CaseTrigger.DraftResponse, [CaseState.Responding, CaseState.Published], null, [Role.PressOfficer], "");
        Row(CaseTrigger.SubmitResponse, [CaseState.Responding, CaseState.Published], null, [Role.PressOfficer], "a draft",
            NothingWhen(DomainErrors.ResponseNotFound, (c, _) => !c.Responses.Any(r => r.Status == ResponseStatus.Draft && r.Text.Length > 0)));
        Row(CaseTrigger.ApproveResponse, [CaseState.Responding, CaseState.Published], null, Chiefs, "not the drafter",
            NoResponseInReview,
            When(DomainErrors.ApproverIsDrafter,
                (c, a) => !c.Responses.Any(r => r.Status == ResponseStatus.InReview && r.DraftedById != a.UserId)));
        Row(CaseTrigger.RejectResponse, [CaseState.Responding, CaseState.Published], null, Chiefs, "comment", NoResponseInReview);
        Row(CaseTrigger.RecordConfirmation, [CaseState.Responding, CaseState.Published], null, [Role.PressOfficer],
            "an approved response awaiting 会签",
            NothingWhen(DomainErrors.ResponseNotFound, (c, _) => !c.Responses.Any(r => r.Status == ResponseStatus.Approved && !r.AllConfirmed)));
        Row(CaseTrigger.PublishResponse, [CaseState.Responding], CaseState.Published, [Role.PressOfficer],
            "approved and confirmed (会签)", PublishGuards);
        Row(CaseTrigger.PublishResponse, [CaseState.Published], null, [Role.PressOfficer], "follow-up: approved and confirmed",
            PublishGuards);
        Row(CaseTrigger.Close, [CaseState.Published], CaseState.Closed, [Role.SectionChief], "tasks done; summary; raiser feedback",
            TasksOpen);
        Row(CaseTrigger.Close, [CaseState.Disposing], CaseState.Closed, [Role.SectionChief],
            "no public response needed; tasks done; summary",
            When(DomainErrors.ResponseStillNeeded, (c, _) => c.ResponseNeeded),
            TasksOpen);
        Row(CaseTrigger.Dismiss, [CaseState.Collected, CaseState.Assessing], CaseState.Dismissed, [Role.SectionChief], "reason");
        Row(CaseTrigger.Merge, OpenStates, CaseState.Merged, [Role.SectionChief], "open target case");
        Row(CaseTrigger.Reopen, [CaseState.Closed], CaseState.Assessing, [Role.SectionChief], "reason (舆情反弹)");
        Row(CaseTrigger.EditSummary, OpenStates, null, [Role.DutyOfficer, Role.Analyst, Role.SectionChief], "");
        Row(CaseTrigger.Reassign, OpenStates, null, [Role.SectionChief], "an active owner who may own cases; lead unit; co-units");
        ViewerRow(CaseTrigger.Comment, Enum.GetValues<CaseState>(), Workers, "text");
        // A rumour is handed off once the plan is signed (处置), like any 转办; its owner or a section chief does it.
        Row(CaseTrigger.HandOffRumour, Working, null, [Role.SectionChief, Role.Analyst],
            "assessed as 谣言; police and 网信办 units; note; no hand-off still open; an analyst only as the case's owner",
            NothingWhen(DomainErrors.NotRumour, (c, _) => c.Assessment?.MatterKind != MatterKind.Rumour),
            NothingWhen(DomainErrors.NotCaseOwner, (c, a) => !a.Has(Role.SectionChief) && c.OwnerId != a.UserId),
            When(DomainErrors.HandOffOpen, (c, _) => c.RumourHandOffs.Any(h => h.IsOpenIn(c))));
        Row(CaseTrigger.EvaluateEffect, [CaseState.Published, CaseState.Closed], null, [Role.Analyst],
            "a published response; outcome 平息 / 持续 / 反弹",
            NothingWhen(DomainErrors.NoPublishedResponse, (c, _) => c.LatestPublishedResponse is null));
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
