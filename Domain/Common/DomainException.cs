namespace OpinionResponse.Domain.Common;

/// <summary>
/// The one exception the domain throws when the policy forbids a move. <see cref="Code"/> is a stable key
/// that the UI turns into a message in the user's language; <see cref="Message"/> is for logs.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The state, role or data of a case does not allow what was asked.</summary>
public static class DomainErrors
{
    public const string TriggerNotAllowed = "trigger.not_allowed";
    public const string RoleNotAllowed = "trigger.role_not_allowed";
    public const string NoAccess = "case.no_access";
    public const string AssessmentIncomplete = "assessment.incomplete";
    public const string OverrideNeedsJustification = "assessment.override_needs_justification";
    public const string ReportMissing = "report.missing";
    public const string HigherLevelReportMissing = "report.higher_level_missing";
    public const string PlanIncomplete = "plan.incomplete";
    public const string NoPlanToSign = "plan.none";
    public const string SignerDraftedPlan = "plan.signer_is_drafter";
    public const string AlreadySigned = "plan.already_signed";
    public const string SignatureNotNeeded = "plan.signature_not_needed";
    public const string CommentRequired = "common.comment_required";
    public const string ReasonRequired = "common.reason_required";
    public const string ResponseNotNeeded = "response.not_needed";
    public const string ResponseNotFound = "response.not_found";
    public const string ResponseWrongState = "response.wrong_state";
    public const string ResponseNotApproved = "response.not_approved";
    public const string ConfirmationsMissing = "response.confirmations_missing";
    public const string ApproverIsDrafter = "response.approver_is_drafter";
    public const string TasksOpen = "case.tasks_open";
    public const string SummaryRequired = "case.summary_required";
    public const string TitleRequired = "case.title_required";
    public const string RaiserFeedbackRequired = "case.raiser_feedback_required";
    public const string FollowUpRequired = "case.follow_up_required";
    public const string FollowUpSatisfactionRequired = "case.follow_up_satisfaction_required";
    public const string ResponseStillNeeded = "case.response_still_needed";
    public const string MergeTargetInvalid = "case.merge_target_invalid";
    public const string TaskNotFound = "task.not_found";
    public const string TaskWrongState = "task.wrong_state";
    public const string TaskWrongUnit = "task.wrong_unit";
    public const string ItemNotNew = "item.not_new";
    public const string ItemClaimedByOther = "item.claimed_by_other";
    public const string ConcurrencyConflict = "case.concurrency_conflict";
    public const string OwnerInvalid = "case.owner_invalid";
    public const string NotRumour = "rumour.not_rumour";
    public const string HandOffOpen = "rumour.handoff_open";
    public const string HandOffSameUnit = "rumour.same_unit";
    public const string NotCaseOwner = "rumour.not_owner";
    public const string NoPublishedResponse = "effect.no_published_response";
    public const string EffectOutcomeRequired = "effect.outcome_required";
}
