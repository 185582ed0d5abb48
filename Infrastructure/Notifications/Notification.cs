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
    /// <summary>A section chief made you the owner (负责人) of a case.</summary>
    CaseAssigned,
}

/// <summary>One line in a user's notification bell. Written in the same transaction as the change that caused it.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public NotificationKind Kind { get; set; }

    public int CaseId { get; set; }

    public string CaseNumber { get; set; } = string.Empty;

    public string CaseTitle { get; set; } = string.Empty;

    public string ActorName { get; set; } = string.Empty;

    /// <summary>An excerpt (a comment's text, a task's description) shown under the line.</summary>
    public string? Excerpt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
