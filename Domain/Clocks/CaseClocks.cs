using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Domain.Clocks;

/// <summary>
/// What the clocks of a case depend on, reduced from the case: lists load exactly this instead of whole aggregates.
/// </summary>
/// <param name="AssessedAt">The first CompleteAssessment (a reopened case keeps the time of its first one).</param>
/// <param name="FirstHigherLevelReportAt">When the first report to the higher level (上级) was sent.</param>
/// <param name="FirstPublishedAt">When the first response was published.</param>
/// <param name="FirstPressConferenceAt">When the first response in the form of a press conference was published.</param>
/// <param name="EndedAt">When the case was first closed, dismissed or merged; every clock still running stops there.</param>
public sealed record ClockFacts(
    DateTime CreatedAt,
    RiskLevel? RiskLevel,
    bool ResponseNeeded,
    DateTime? AssessedAt,
    DateTime? FirstHigherLevelReportAt,
    DateTime? FirstPublishedAt,
    DateTime? FirstPressConferenceAt,
    DateTime? EndedAt)
{
    public static readonly IReadOnlySet<CaseState> EndStates = new HashSet<CaseState> { CaseState.Closed, CaseState.Dismissed, CaseState.Merged };

    public bool IsMajor => RiskLevel is { } level && level.IsMajorOrAbove();

    public static ClockFacts Of(Case @case)
    {
        var published = @case.Responses.Where(r => r.Status == ResponseStatus.Published && r.PublishedAt is not null).ToList();
        return new ClockFacts(
            @case.CreatedAt,
            @case.RiskLevel,
            @case.ResponseNeeded,
            FirstAt(@case.Timeline.Where(t => t.Action == nameof(CaseTrigger.CompleteAssessment)).Select(t => t.At)) ?? @case.Assessment?.AssessedAt,
            FirstAt(@case.Reports.Where(r => r.Level == ReportLevel.HigherLevel).Select(r => r.SentAt)),
            FirstAt(published.Select(r => r.PublishedAt!.Value)),
            FirstAt(published.Where(r => r.Form == ResponseForm.PressConference).Select(r => r.PublishedAt!.Value)),
            FirstEnding(@case.State, @case.ClosedAt ?? @case.UpdatedAt,
                @case.Timeline.Where(t => t.FromState != t.ToState && EndStates.Contains(t.ToState)).Select(t => t.At)));
    }

    /// <summary>The first time the case ended: from its timeline, or, for an ended case without one, its close or last change.</summary>
    public static DateTime? FirstEnding(CaseState state, DateTime endedFallback, IEnumerable<DateTime> endings) =>
        FirstAt(endings) ?? (EndStates.Contains(state) ? endedFallback : null);

    public static DateTime? FirstAt(IEnumerable<DateTime> times)
    {
        DateTime? first = null;
        foreach (var time in times)
        {
            if (first is null || time < first)
            {
                first = time;
            }
        }

        return first;
    }
}

/// <summary>
/// The SLA clocks of DESIGN §2.2, computed from what a case already records; nothing about a clock is stored. A clock
/// stops when what it waits for happens, or when the case is closed, dismissed or merged. Reopening a case starts no
/// new clock: those that were still running stay stopped at the first close.
/// </summary>
public static class CaseClocks
{
    /// <summary>Every clock that applies to <paramref name="case"/>, running or stopped, in the order the work meets them.</summary>
    public static IReadOnlyList<SlaClock> For(Case @case, SlaPolicy policy, DateTime now) => For(ClockFacts.Of(@case), policy, now);

    public static IReadOnlyList<SlaClock> For(ClockFacts facts, SlaPolicy policy, DateTime now)
    {
        SlaClock Clock(ClockKind kind, DateTime startedAt, DateTime? metAt) =>
            Build(kind, startedAt, startedAt + policy.DurationOf(kind), metAt, facts.EndedAt, policy, now);

        var clocks = new List<SlaClock> { Clock(ClockKind.Assessment, facts.CreatedAt, facts.AssessedAt) };
        if (facts.IsMajor)
        {
            if (facts.AssessedAt is { } assessedAt)
            {
                clocks.Add(Clock(ClockKind.UpwardReport, assessedAt, facts.FirstHigherLevelReportAt));
            }

            // 国办发〔2016〕80号: 重大/特别重大 — authoritative information within 5 hours, a press conference within 24.
            clocks.Add(Clock(ClockKind.AuthoritativeInformation, facts.CreatedAt, facts.FirstPublishedAt));
            clocks.Add(Clock(ClockKind.PressConference, facts.CreatedAt, facts.FirstPressConferenceAt));
        }
        else if (facts.ResponseNeeded)
        {
            // 国办发〔2016〕61号: every other matter that needs a response is answered within 48 hours.
            clocks.Add(Clock(ClockKind.Response, facts.CreatedAt, facts.FirstPublishedAt));
        }

        return clocks;
    }

    /// <summary>The running clock due first (breached ones included), or null when none runs.</summary>
    public static SlaClock? MostUrgent(IEnumerable<SlaClock> clocks) =>
        clocks.Where(c => c.IsRunning).OrderBy(c => c.DueAt).ThenBy(c => c.Kind).FirstOrDefault();

    /// <summary>The triage clock of an item: from collection until it is dismissed, attached or opens a case.</summary>
    public static SlaClock ForItem(OpinionItem item, SlaPolicy policy, DateTime now) =>
        Triage(item.CollectedAt, item.Status is TriageStatus.New or TriageStatus.Claimed ? null : item.TriagedAt, policy, now);

    public static SlaClock Triage(DateTime collectedAt, DateTime? triagedAt, SlaPolicy policy, DateTime now) =>
        Build(ClockKind.Triage, collectedAt, collectedAt + policy.Triage, triagedAt, null, policy, now);

    /// <summary>
    /// The clock of a task (转办): from its assignment to its due time, met by the unit's feedback, stopped by the case
    /// ending first; it warns at the share of the policy its case follows.
    /// </summary>
    public static SlaClock ForTask(CaseTask task, DateTime? caseEndedAt, SlaPolicy policy, DateTime now) =>
        OfTask(task.AssignedAt, task.DueAt, task.FeedbackAt, caseEndedAt, policy, now);

    public static SlaClock OfTask(DateTime assignedAt, DateTime dueAt, DateTime? feedbackAt, DateTime? caseEndedAt, SlaPolicy policy, DateTime now) =>
        Build(ClockKind.Task, assignedAt, dueAt, feedbackAt, caseEndedAt, policy, now);

    private static SlaClock Build(ClockKind kind, DateTime startedAt, DateTime dueAt, DateTime? metAt, DateTime? endedAt, SlaPolicy policy,
        DateTime now)
    {
        var (stoppedAt, stop) = (metAt, endedAt) switch
        {
            ({ } met, { } ended) when ended < met => ((DateTime?)ended, (ClockStop?)ClockStop.CaseEnded),
            ({ } met, _) => (met, ClockStop.Met),
            (null, { } ended) => (ended, ClockStop.CaseEnded),
            _ => (null, null),
        };
        return SlaClock.Create(kind, startedAt, dueAt, policy.WarningFraction, stoppedAt, stop, now);
    }
}
