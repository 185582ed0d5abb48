namespace OpinionResponse.Infrastructure.Notifications;

public enum NotificationKind
{
    /// <summary>Someone wrote @you in a comment.</summary>
    Mention,
    /// <summary>A plan waits for your signature.</summary>
    SignatureRequest,
    /// <summary>A task was sent to your unit (转办).</summary>
    TaskForUnit,
    /// <summary>A response waits for your approval.</summary>
    ApprovalRequest,
    /// <summary>A clock of your case has used 75 % of its time.</summary>
    ClockWarning,
    /// <summary>A clock was breached (escalated to the chiefs and whoever is on duty).</summary>
    ClockBreach,
    /// <summary>A case was assessed 重大/特别重大: the people on duty hear of it at once.</summary>
    MajorCase,
    /// <summary>A section chief made you the owner (负责人) of a case.</summary>
    CaseAssigned,
    /// <summary>A rumour was handed off (辟谣移交): the press officers are asked for a 辟谣 response.</summary>
    RebuttalRequest,
    /// <summary>回应效果评估 is due (24 h / 72 h after a publication): the case owner is asked.</summary>
    EffectCheckDue,
    /// <summary>舆情反弹: new items were grouped to a closed case; the owner and the section chiefs can reopen it.</summary>
    ReboundAlert,
}

/// <summary>
/// One line in a user's notification bell. Written in the same transaction as the change that caused it. It points to a
/// case, or — for an item's triage clock, before any case exists — to an item in the triage queue.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public NotificationKind Kind { get; set; }

    public int? CaseId { get; set; }

    public int? ItemId { get; set; }

    /// <summary>The case's number; empty for an item.</summary>
    public string CaseNumber { get; set; } = string.Empty;

    /// <summary>The case's title, or the item's.</summary>
    public string CaseTitle { get; set; } = string.Empty;

    public string ActorName { get; set; } = string.Empty;

    /// <summary>An excerpt (a comment's text, a task's description) shown under the line.</summary>
    public string? Excerpt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
