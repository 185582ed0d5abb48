namespace OpinionResponse.Domain.Cases;

/// <summary>The eleven states of DESIGN §2.1; they follow the policy's five mechanisms 检测收集 → 分析研判 → 归口报送 → 应对处置 → 公开回应.</summary>
public enum CaseState
{
    Collected,
    Assessing,
    Reporting,
    PlanDrafting,
    PlanApproval,
    Disposing,
    Responding,
    Published,
    Closed,
    Dismissed,
    Merged,
}

/// <summary>Everything a user can do to a case. Triggers whose row in the workflow keeps the state are activities inside it.</summary>
public enum CaseTrigger
{
    StartAssessment,
    CompleteAssessment,
    RecordReport,
    SubmitReport,
    SavePlan,
    SubmitPlan,
    SignPlan,
    RejectPlan,
    AssignTask,
    AcceptTask,
    GiveTaskFeedback,
    BeginResponse,
    DraftResponse,
    SubmitResponse,
    ApproveResponse,
    RejectResponse,
    RecordConfirmation,
    PublishResponse,
    Close,
    Dismiss,
    Merge,
    Reopen,
    EditSummary,
    Comment,
    /// <summary>A section chief assigns the case's owner (负责人), its lead unit (主办) and co-units (协办).</summary>
    Reassign,
    /// <summary>辟谣移交: a rumour to the police and the internet information office, and a 辟谣 response asked for.</summary>
    HandOffRumour,
    /// <summary>回应效果评估: 平息 / 持续 / 反弹 after a publication.</summary>
    EvaluateEffect,
}

/// <summary>Risk levels, low to high, in the national warning colours: 一般 IV blue, 较大 III yellow, 重大 II orange, 特别重大 I red.</summary>
public enum RiskLevel
{
    General = 1,
    Large = 2,
    Major = 3,
    Critical = 4,
}

public enum OpinionTrend
{
    Rising,
    Stable,
    Subsiding,
}

/// <summary>The six kinds of matter the State Council notices say must be answered, plus rumours and the rest.</summary>
public enum MatterKind
{
    PolicyMisreading,
    DirectInterest,
    PublicMorality,
    EmergencyOrDisaster,
    SocialHotSpot,
    HigherLevelRequest,
    Rumour,
    Other,
}

public enum ReportLevel
{
    OwnLevel,
    HigherLevel,
}

public enum PlanStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
}

public enum CaseTaskStatus
{
    Pending,
    InProgress,
    FeedbackGiven,
}

public enum ResponseForm
{
    OnlineRelease,
    ExpertInterpretation,
    PressConference,
    MediaInterview,
}

public enum ResponseStatus
{
    Draft,
    InReview,
    Approved,
    Rejected,
    Published,
}

public static class RiskLevelExtensions
{
    /// <summary>重大 and 特别重大 need the unit head's signature and a report to the higher level.</summary>
    public static bool IsMajorOrAbove(this RiskLevel level) => level >= RiskLevel.Major;
}

/// <summary>The caller's verdict at a 回访: 满意 / 基本满意 / 不满意.</summary>
public enum Satisfaction
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

/// <summary>回访 at close: whether the person who raised it was reached, their verdict when reached, and a note.</summary>
public sealed record FollowUp(bool Reached, Satisfaction? Satisfaction, string? Note, string RecordedBy, DateTime RecordedAt);
