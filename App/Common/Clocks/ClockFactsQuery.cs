using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Clocks;

/// <summary>
/// Loads, for the cases a list shows, only what their clocks need (<see cref="ClockFacts"/>): a few columns of the case,
/// its reports to the higher level, its published responses and the timeline moments that stop clocks.
/// </summary>
public static class ClockFactsQuery
{
    public static async Task<IReadOnlyDictionary<int, ClockFacts>> LoadClockFactsAsync(this OpinionDbContext db, IReadOnlyCollection<int> caseIds,
        CancellationToken cancellationToken)
    {
        if (caseIds.Count == 0)
        {
            return new Dictionary<int, ClockFacts>();
        }

        var ids = caseIds.Distinct().ToList();
        var ends = ClockFacts.EndStates.ToList();
        const string assessed = nameof(CaseTrigger.CompleteAssessment);
        var rows = await db.Cases.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.CreatedAt,
                c.State,
                c.RiskLevel,
                c.ResponseNeeded,
                c.ClosedAt,
                c.UpdatedAt,
                AssessedAt = c.Assessment != null ? c.Assessment.AssessedAt : (DateTime?)null,
                HigherLevelReports = c.Reports.Where(r => r.Level == ReportLevel.HigherLevel).Select(r => r.SentAt).ToList(),
                Published = c.Responses.Where(r => r.Status == ResponseStatus.Published && r.PublishedAt != null)
                    .Select(r => new { r.PublishedAt, r.Form }).ToList(),
                Moments = c.Timeline.Where(t => t.Action == assessed || (t.FromState != t.ToState && ends.Contains(t.ToState)))
                    .Select(t => new { t.Action, t.At }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return rows.ToDictionary(r => r.Id, r => new ClockFacts(
            r.CreatedAt,
            r.RiskLevel,
            r.ResponseNeeded,
            ClockFacts.FirstAt(r.Moments.Where(m => m.Action == assessed).Select(m => m.At)) ?? r.AssessedAt,
            ClockFacts.FirstAt(r.HigherLevelReports),
            ClockFacts.FirstAt(r.Published.Select(p => p.PublishedAt!.Value)),
            ClockFacts.FirstAt(r.Published.Where(p => p.Form == ResponseForm.PressConference).Select(p => p.PublishedAt!.Value)),
            ClockFacts.FirstEnding(r.State, r.ClosedAt ?? r.UpdatedAt, r.Moments.Where(m => m.Action != assessed).Select(m => m.At))));
    }

    /// <summary>The running clock of each case that is due first; cases with none are left out.</summary>
    public static IReadOnlyDictionary<int, SlaClock> MostUrgentClocks(this IReadOnlyDictionary<int, ClockFacts> facts, ClockPolicyHistory policies,
        DateTime now) =>
        facts.Select(f => (f.Key, Clock: CaseClocks.MostUrgent(CaseClocks.For(f.Value, policies.At(f.Value.CreatedAt), now))))
            .Where(f => f.Clock is not null)
            .ToDictionary(f => f.Key, f => f.Clock!);
}
