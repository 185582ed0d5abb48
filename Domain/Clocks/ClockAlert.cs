using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Clocks;

/// <summary>The two moments of a clock that call for someone: 75 % of its time used (a warning) and 100 % (a breach).</summary>
public enum ClockThreshold
{
    Warning,
    Breach,
}

/// <summary>What the supervisor (督查员) decides about a breach (policy 三（三）: 考核、问责).</summary>
public enum BreachDecision
{
    /// <summary>说明情况: the reason given is accepted.</summary>
    Explained,

    /// <summary>通报批评.</summary>
    Reprimand,

    /// <summary>约谈.</summary>
    Interview,

    /// <summary>问责.</summary>
    Accountability,
}

/// <summary>
/// A clock crossed a threshold: recorded once per (subject, clock, threshold) — the database holds that key unique, so
/// two watchers or a restart can never warn or escalate twice. A breach is also the record kept for the performance
/// assessment (考核): the due time, when it was breached, the unit and person responsible, how late the clock was met,
/// the reason given and the supervisor's decision.
/// </summary>
public sealed class ClockAlert
{
    private ClockAlert()
    {
        Subject = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>"case:12", "item:40" or "task:7": the unique key's first part.</summary>
    public string Subject { get; private set; }

    public int? CaseId { get; private set; }

    public int? ItemId { get; private set; }

    /// <summary>The task (转办) whose due time this is; its case is <see cref="CaseId"/> and its unit <see cref="UnitId"/>.</summary>
    public int? TaskId { get; private set; }

    public ClockKind Clock { get; private set; }

    public ClockThreshold Threshold { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime DueAt { get; private set; }

    /// <summary>When the watcher saw the threshold crossed (the moment of the warning or escalation).</summary>
    public DateTime RecordedAt { get; private set; }

    /// <summary>The clock policy version the deadline came from.</summary>
    public int PolicyVersion { get; private set; }

    public int? UnitId { get; private set; }

    public string? ResponsibleId { get; private set; }

    public string? ResponsibleName { get; private set; }

    /// <summary>Nobody was rostered when the breach was escalated: it went to the unit head, and the gap is on record.</summary>
    public bool NobodyOnDuty { get; private set; }

    /// <summary>When what the clock waited for was done at last (a breach met late), or the case ended.</summary>
    public DateTime? MetAt { get; private set; }

    public string? Reason { get; private set; }

    public string? ReasonByName { get; private set; }

    public DateTime? ReasonAt { get; private set; }

    public BreachDecision? Decision { get; private set; }

    public string? DecisionNote { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    /// <summary>How late the clock was met; while it still runs, how late it is at <paramref name="now"/>.</summary>
    public TimeSpan LatenessAt(DateTime now) => (MetAt ?? now) - DueAt;

    public static string CaseSubject(int caseId) => $"case:{caseId}";

    public static string ItemSubject(int itemId) => $"{ItemSubjectPrefix}{itemId}";

    /// <summary>What every item's subject starts with, for a query that builds the subject from an item's id in SQL.</summary>
    public const string ItemSubjectPrefix = "item:";

    public static string TaskSubject(int taskId) => $"task:{taskId}";

    public static ClockAlert ForCase(int caseId, SlaClock clock, ClockThreshold threshold, int policyVersion, int unitId, string? responsibleId,
        string? responsibleName, DateTime now)
    {
        var alert = Of(CaseSubject(caseId), clock, threshold, policyVersion, unitId, now);
        alert.CaseId = caseId;
        alert.ResponsibleId = responsibleId;
        alert.ResponsibleName = responsibleName;
        return alert;
    }

    public static ClockAlert ForItem(int itemId, SlaClock clock, ClockThreshold threshold, int policyVersion, int? unitId, DateTime now)
    {
        var alert = Of(ItemSubject(itemId), clock, threshold, policyVersion, unitId, now);
        alert.ItemId = itemId;
        return alert;
    }

    /// <summary>A task's clock: the unit that holds the task is responsible, no single person.</summary>
    public static ClockAlert ForTask(int caseId, int taskId, int unitId, SlaClock clock, ClockThreshold threshold, int policyVersion, DateTime now)
    {
        var alert = Of(TaskSubject(taskId), clock, threshold, policyVersion, unitId, now);
        alert.CaseId = caseId;
        alert.TaskId = taskId;
        return alert;
    }

    /// <summary>What every alert records of its clock; a breach of a clock already met keeps when it was met (how late).</summary>
    private static ClockAlert Of(string subject, SlaClock clock, ClockThreshold threshold, int policyVersion, int? unitId, DateTime now) =>
        new()
        {
            Subject = subject,
            Clock = clock.Kind,
            Threshold = threshold,
            StartedAt = clock.StartedAt,
            DueAt = clock.DueAt,
            RecordedAt = now,
            PolicyVersion = policyVersion,
            UnitId = unitId,
            MetAt = threshold == ClockThreshold.Breach ? clock.StoppedAt : null,
        };

    public void RecordNobodyOnDuty() => NobodyOnDuty = true;

    /// <summary>The breached clock was met (late) or its case ended: the lateness is now fixed.</summary>
    public void RecordMet(DateTime metAt)
    {
        MetAt ??= metAt;
    }

    /// <summary>The person responsible (or a chief of the unit) explains the breach.</summary>
    public void GiveReason(Actor actor, string reason, DateTime now)
    {
        EnsureBreach();
        if (actor.UserId != ResponsibleId && !(actor.HasAny([Role.SectionChief, Role.UnitHead]) && UnitId is { } unit && (actor.BelongsTo(unit) || actor.SpansAllUnits)))
        {
            throw new DomainException(ClockErrors.NotResponsible, $"{actor.DisplayName} is not responsible for breach {Id}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(DomainErrors.ReasonRequired, "A reason is required.");
        }

        Reason = reason.Trim();
        ReasonByName = actor.DisplayName;
        ReasonAt = now;
    }

    /// <summary>The supervisor's decision (the permission check is the command's; this keeps the record whole).</summary>
    public void Decide(Actor actor, BreachDecision decision, string? note, DateTime now)
    {
        EnsureBreach();
        Decision = decision;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DecidedByName = actor.DisplayName;
        DecidedAt = now;
    }

    private void EnsureBreach()
    {
        if (Threshold != ClockThreshold.Breach)
        {
            throw new DomainException(ClockErrors.NotBreach, $"Alert {Id} is a warning, not a breach.");
        }
    }
}

/// <summary>Which thresholds a clock has crossed at a moment: the domain fact the watcher acts on.</summary>
public static class ClockCrossings
{
    /// <summary>
    /// A running clock past its warning time has crossed the warning; a clock past its due time — still running, met
    /// late, or stopped by the case ending after it was due — has been breached (a breach the watcher missed while it
    /// was down is still recorded). A breach supersedes a warning not yet given: nobody is warned of what is already late.
    /// </summary>
    public static ClockThreshold? Crossed(SlaClock clock, DateTime now) => clock.StateAt(now) switch
    {
        ClockState.Breached or ClockState.MetLate => ClockThreshold.Breach,
        ClockState.Warning => ClockThreshold.Warning,
        _ => null,
    };
}

/// <summary>A clock of a case passed its due time (raised by <see cref="Cases.Case.RecordClockBreached"/>).</summary>
public sealed record ClockBreached(int CaseId, ClockKind Clock, DateTime DueAt, DateTime OccurredAt) : IDomainEvent
{
    /// <summary>The timeline action of a breach.</summary>
    public const string Action = "ClockBreached";

    /// <summary>"Response 2026-12-04T13:00:00Z v2": the clock, its due time (UTC, ISO) and the policy version, for the timeline to localize.</summary>
    public static string Detail(ClockKind clock, DateTime dueAt, int policyVersion) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{clock} {dueAt:yyyy-MM-ddTHH:mm:ssZ} v{policyVersion}");
}
