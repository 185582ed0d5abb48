using OpinionResponse.Domain.Items;

namespace OpinionResponse.Domain.Scoring;

/// <summary>A point of a case's engagement over time: the sum of each item's latest known engagement at that moment.</summary>
public sealed record EngagementPoint(DateTime At, long Engagement);

public static class EngagementCurve
{
    /// <summary>
    /// One point each time an item of the case was collected or observed again. An item seen once counts its counts from
    /// its collection on; an item seen again, each observation from its moment on.
    /// </summary>
    public static IReadOnlyList<EngagementPoint> Of(IReadOnlyCollection<OpinionItem> items, IReadOnlyCollection<EngagementObservation> observations)
    {
        var observed = observations.GroupBy(o => o.ItemId).ToDictionary(g => g.Key, g => g.ToList());
        var events = items.SelectMany(i => observed.TryGetValue(i.Id, out var list)
                ? list.Select(o => (At: o.ObservedAt, Item: i.Id, o.Engagement))
                : [(At: i.CollectedAt, Item: i.Id, Engagement: RiskScorer.Engagement(i))])
            .OrderBy(e => e.At);
        var latest = new Dictionary<int, long>();
        var points = new List<EngagementPoint>();
        foreach (var e in events)
        {
            latest[e.Item] = e.Engagement;
            var sum = latest.Values.Sum();
            if (points.Count > 0 && points[^1].At == e.At)
            {
                points[^1] = new EngagementPoint(e.At, sum);
            }
            else
            {
                points.Add(new EngagementPoint(e.At, sum));
            }
        }

        return points;
    }
}
