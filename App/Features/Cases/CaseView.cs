using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;

namespace OpinionResponse.App.Features.Cases;

/// <summary>
/// What the case page and its dialogs show of a case: its fields and its parts, read-only, without the aggregate. The
/// page cannot call a workflow method (only a command through <c>CaseWork</c> changes a case), and what the domain
/// derives — open or not, 重大 or not, the current plan, which 辟谣 hand-offs are still open, the clock facts — is worked
/// out once in <see cref="GetCaseDetail"/>. The parts (plans, responses, tasks, timeline…) are the domain's own part
/// types, whose changes are internal to the aggregate: the page reads them and cannot change them.
/// </summary>
public sealed record CaseView
{
    public required int Id { get; init; }

    public required string Number { get; init; }

    public required string Title { get; init; }

    public required string Summary { get; init; }

    public required CaseState State { get; init; }

    public required int ResponsibleUnitId { get; init; }

    /// <summary>The co-handling units' ids, in the order they were added.</summary>
    public required IReadOnlyList<int> CoUnitIds { get; init; }

    public required string OwnerId { get; init; }

    public required string OwnerName { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; init; }

    /// <summary>The concurrency token: a dialog sends it back so that a save over someone else's is refused.</summary>
    public required int Version { get; init; }

    public required RiskLevel? RiskLevel { get; init; }

    public required string? DismissReason { get; init; }

    public required string? CloseSummary { get; init; }

    public required string? RaiserFeedback { get; init; }

    public required DateTime? ClosedAt { get; init; }

    public required string? ReopenReason { get; init; }

    /// <summary>Not closed, dismissed or merged (the workflow's rule).</summary>
    public required bool IsOpen { get; init; }

    /// <summary>Assessed 重大 or above: a 上级 report is required.</summary>
    public required bool IsMajor { get; init; }

    public required Domain.Cases.Assessment? Assessment { get; init; }

    public required IReadOnlyList<CaseReport> Reports { get; init; }

    public required IReadOnlyList<DisposalPlan> Plans { get; init; }

    /// <summary>The plan of the highest version, if any.</summary>
    public required DisposalPlan? CurrentPlan { get; init; }

    public required IReadOnlyList<PublicResponse> Responses { get; init; }

    public required PublicResponse? LatestPublishedResponse { get; init; }

    public required IReadOnlyList<CaseComment> Comments { get; init; }

    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }

    public required IReadOnlyList<RumourHandOff> RumourHandOffs { get; init; }

    /// <summary>The sequences of the 辟谣 hand-offs still open (a task of theirs not done, or their response not published).</summary>
    public required IReadOnlySet<int> OpenHandOffs { get; init; }

    public required IReadOnlyList<EffectEvaluation> EffectEvaluations { get; init; }

    /// <summary>What the case's SLA clocks are computed from (the page works them out against the time it shows).</summary>
    public required ClockFacts Clocks { get; init; }

    public static CaseView Of(Case c) => new()
    {
        Id = c.Id,
        Number = c.Number,
        Title = c.Title,
        Summary = c.Summary,
        State = c.State,
        ResponsibleUnitId = c.ResponsibleUnitId,
        CoUnitIds = c.CoUnits.Select(u => u.UnitId).ToList(),
        OwnerId = c.OwnerId,
        OwnerName = c.OwnerName,
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
        Version = c.Version,
        RiskLevel = c.RiskLevel,
        DismissReason = c.DismissReason,
        CloseSummary = c.CloseSummary,
        RaiserFeedback = c.RaiserFeedback,
        ClosedAt = c.ClosedAt,
        ReopenReason = c.ReopenReason,
        IsOpen = c.IsOpen,
        IsMajor = c.IsMajor,
        Assessment = c.Assessment,
        Reports = c.Reports.ToList(),
        Plans = c.Plans.ToList(),
        CurrentPlan = c.CurrentPlan,
        Responses = c.Responses.ToList(),
        LatestPublishedResponse = c.LatestPublishedResponse,
        Comments = c.Comments.ToList(),
        Timeline = c.Timeline.ToList(),
        RumourHandOffs = c.RumourHandOffs.ToList(),
        OpenHandOffs = c.RumourHandOffs.Where(h => h.IsOpenIn(c)).Select(h => h.Sequence).ToHashSet(),
        EffectEvaluations = c.EffectEvaluations.ToList(),
        Clocks = ClockFacts.Of(c),
    };
}
