using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;

namespace OpinionResponse.Domain.Reports;

/// <summary>How the 考核 and the 通报 group their figures: by responsible unit, or by the person responsible.</summary>
public enum PerformanceGrouping
{
    Unit,
    Person,
}

/// <summary>A share of a whole; <see cref="Value"/> is null when nothing was counted (shown as "—", never as 0 %).</summary>
public readonly record struct Share(int Part, int Whole)
{
    public double? Value => Whole == 0 ? null : (double)Part / Whole;

    public static Share operator +(Share a, Share b) => new(a.Part + b.Part, a.Whole + b.Whole);
}

/// <summary>What a case contributes to the 考核, reduced from the case (its clocks come from <see cref="ClockFacts"/>).</summary>
/// <param name="PlansRejected">RejectPlan entries on its timeline.</param>
/// <param name="FollowUpDue">An item came from the hotline or an online inquiry with a contact.</param>
public sealed record CaseFacts(int CaseId, int UnitId, string PersonName, ClockFacts Clocks, SlaPolicy Policy, int PlansRejected,
    bool FollowUpDue, FollowUp? FollowUp);

/// <summary>
/// Items of one group, counted by the database: <see cref="Triaged"/> on time ÷ <see cref="Decided"/> is the triage rate.
/// </summary>
/// <param name="Decided">Triaged (on time or late), or still untriaged past the deadline.</param>
public sealed record ItemTally(int? UnitId, string? PersonName, int Items, int OnTime, int Decided);

/// <summary>A breach counted against a group (the clocks' breach record).</summary>
public sealed record BreachFact(int? UnitId, string? PersonName);

/// <summary>
/// One line of the 考核 (policy 三（三）), for a unit or a person over a period.
/// <para>
/// <b>On-time rates</b> count only clocks that have been decided: met (on time), met late, or past due (breached, met
/// or not). A clock still running before its due time, or stopped because its case ended before it was due, is not
/// counted at all — a clock never due is neither on time nor late. A reopened case starts no new clock, so it counts
/// once, as its clocks stood at its first close.
/// </para>
/// <para>
/// <b>12345 rates</b> (接诉即办), over the closed cases that needed a 回访 and have one:
/// 响应率 = 回访 that reached the person ÷ 回访 recorded;
/// 解决率 = reached and 满意 or 基本满意 ÷ reached;
/// 满意率 = reached and 满意 ÷ reached.
/// </para>
/// </summary>
/// <param name="Triage">Items triaged within the triage clock (30 min by default).</param>
/// <param name="Assessment">Cases assessed within the assessment clock (2 h).</param>
/// <param name="Authoritative">重大/特别重大 cases with a first authoritative publication within 5 h.</param>
/// <param name="Response">Other cases needing a response, answered within 48 h.</param>
/// <param name="MedianFirstResponse">Median from opening to the first published response, over cases that have one.</param>
public sealed record PerformanceLine(
    string Key,
    string Name,
    int Cases,
    int Items,
    Share Triage,
    Share Assessment,
    Share Authoritative,
    Share Response,
    TimeSpan? MedianFirstResponse,
    int Breaches,
    int PlansRejected,
    Share ResponseRate,
    Share ResolutionRate,
    Share SatisfactionRate);

public static class PerformanceCalculator
{
    /// <summary>
    /// The lines for each group, sorted best first: by on-time share over all four clocks, then fewer breaches, then
    /// name. <paramref name="unitNames"/> names the units; a line with no unit or person is named <paramref name="nobody"/>.
    /// </summary>
    public static IReadOnlyList<PerformanceLine> Compute(IEnumerable<CaseFacts> cases, IEnumerable<ItemTally> items, IEnumerable<BreachFact> breaches,
        PerformanceGrouping grouping, IReadOnlyDictionary<int, string> unitNames, string nobody, DateTime now)
    {
        string KeyOf(int? unitId, string? person) => grouping == PerformanceGrouping.Unit
            ? unitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty
            : person ?? string.Empty;
        string NameOf(string key) => key.Length == 0 ? nobody
            : grouping == PerformanceGrouping.Unit ? unitNames.GetValueOrDefault(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture), key)
            : key;

        var caseGroups = cases.GroupBy(c => KeyOf(c.UnitId, c.PersonName)).ToDictionary(g => g.Key, g => g.ToList());
        var itemGroups = items.GroupBy(i => KeyOf(i.UnitId, i.PersonName)).ToDictionary(g => g.Key, g => g.ToList());
        var breachCounts = breaches.GroupBy(b => KeyOf(b.UnitId, b.PersonName)).ToDictionary(g => g.Key, g => g.Count());
        var keys = caseGroups.Keys.Union(itemGroups.Keys).Union(breachCounts.Keys);

        return keys.Select(key =>
            {
                var groupCases = caseGroups.GetValueOrDefault(key) ?? [];
                var groupItems = itemGroups.GetValueOrDefault(key) ?? [];
                return Line(key, NameOf(key), groupCases, groupItems, breachCounts.GetValueOrDefault(key), now);
            })
            .OrderByDescending(l => (l.Triage + l.Assessment + l.Authoritative + l.Response).Value ?? -1)
            .ThenBy(l => l.Breaches)
            .ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>All of <paramref name="cases"/> and <paramref name="items"/> as one line (the town's, or a unit's total).</summary>
    public static PerformanceLine Total(string name, IReadOnlyCollection<CaseFacts> cases, IReadOnlyCollection<ItemTally> items, int breaches,
        DateTime now) => Line(string.Empty, name, cases, items, breaches, now);

    private static PerformanceLine Line(string key, string name, IReadOnlyCollection<CaseFacts> cases, IReadOnlyCollection<ItemTally> items,
        int breaches, DateTime now)
    {
        var clocks = cases.Select(c => CaseClocks.For(c.Clocks, c.Policy, now)).ToList();
        var followUps = cases.Where(c => c.FollowUpDue && c.FollowUp is not null).Select(c => c.FollowUp!).ToList();
        var reached = followUps.Where(f => f.Reached).ToList();
        return new PerformanceLine(
            key,
            name,
            cases.Count,
            items.Sum(i => i.Items),
            new Share(items.Sum(i => i.OnTime), items.Sum(i => i.Decided)),
            OnTime(clocks, ClockKind.Assessment),
            OnTime(clocks, ClockKind.AuthoritativeInformation),
            OnTime(clocks, ClockKind.Response),
            Median(cases.Where(c => c.Clocks.FirstPublishedAt is not null).Select(c => c.Clocks.FirstPublishedAt!.Value - c.Clocks.CreatedAt)),
            breaches,
            cases.Sum(c => c.PlansRejected),
            new Share(reached.Count, followUps.Count),
            new Share(reached.Count(f => f.Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied), reached.Count),
            new Share(reached.Count(f => f.Satisfaction is Satisfaction.Satisfied), reached.Count));
    }

    /// <summary>Met on time ÷ decided, over the clocks of <paramref name="kind"/> (see <see cref="PerformanceLine"/>).</summary>
    public static Share OnTime(IEnumerable<IReadOnlyList<SlaClock>> clocksOfCases, ClockKind kind)
    {
        var decided = clocksOfCases.SelectMany(c => c).Where(c => c.Kind == kind && IsDecided(c.State)).ToList();
        return new Share(decided.Count(c => c.State == ClockState.Met), decided.Count);
    }

    public static bool IsDecided(ClockState state) => state is ClockState.Met or ClockState.MetLate or ClockState.Breached;

    public static TimeSpan? Median(IEnumerable<TimeSpan> spans)
    {
        var sorted = spans.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
