using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Cases.Plan;
using OpinionResponse.App.Features.Cases.Reports;
using OpinionResponse.App.Features.Cases.Responses;
using OpinionResponse.App.Features.Cases.Tasks;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases;

/// <summary>
/// The dialog that collects the input of a case trigger. Every dialog takes the parameters <c>Detail</c>
/// (<see cref="GetCaseDetail.Detail"/>) and <c>TargetId</c> (int?, a task or response id when opened from a row), sends
/// its command through the mediator, and closes with <c>DialogResult.Ok(true)</c> once the command succeeded.
/// Triggers without a dialog are fired by the case page directly after a confirmation.
/// </summary>
/// <remarks>
/// Triggers without input have no dialog: StartAssessment, SubmitReport, SubmitPlan, BeginResponse. Comment has its
/// own box on the case page. Every dialog derives from <see cref="CaseActionDialog"/>.
/// </remarks>
public static class CaseActionDialogs
{
    private static readonly Dictionary<CaseTrigger, Type> Dialogs = new()
    {
        [CaseTrigger.CompleteAssessment] = typeof(CompleteAssessmentDialog),
        [CaseTrigger.RecordReport] = typeof(RecordReportDialog),
        [CaseTrigger.SavePlan] = typeof(SavePlanDialog),
        [CaseTrigger.SignPlan] = typeof(SignPlanDialog),
        [CaseTrigger.RejectPlan] = typeof(RejectPlanDialog),
        [CaseTrigger.AssignTask] = typeof(AssignTaskDialog),
        [CaseTrigger.AcceptTask] = typeof(AcceptTaskDialog),
        [CaseTrigger.GiveTaskFeedback] = typeof(GiveTaskFeedbackDialog),
        [CaseTrigger.DraftResponse] = typeof(DraftResponseDialog),
        [CaseTrigger.SubmitResponse] = typeof(SubmitResponseDialog),
        [CaseTrigger.ApproveResponse] = typeof(ApproveResponseDialog),
        [CaseTrigger.RejectResponse] = typeof(RejectResponseDialog),
        [CaseTrigger.RecordConfirmation] = typeof(RecordConfirmationDialog),
        [CaseTrigger.PublishResponse] = typeof(PublishResponseDialog),
        [CaseTrigger.Close] = typeof(CloseCaseDialog),
        [CaseTrigger.Dismiss] = typeof(DismissCaseDialog),
        [CaseTrigger.Merge] = typeof(MergeCaseDialog),
        [CaseTrigger.Reopen] = typeof(ReopenCaseDialog),
        [CaseTrigger.EditSummary] = typeof(EditCaseSummaryDialog),
        [CaseTrigger.Reassign] = typeof(Ownership.ReassignCaseDialog),
        [CaseTrigger.HandOffRumour] = typeof(Rumour.HandOffRumourDialog),
        [CaseTrigger.EvaluateEffect] = typeof(Effect.EvaluateEffectDialog),
    };

    public static Type? DialogFor(CaseTrigger trigger) => Dialogs.GetValueOrDefault(trigger);
}
