namespace OpinionResponse.Domain.Items;

/// <summary>
/// The counts of an item as one channel reported them at one moment. An item seen again (same source and external id)
/// with new counts keeps its latest counts on the item and adds an observation here, so the growth between observations,
/// and the curve of a case's engagement over time, can be shown and scored. An item seen once has no rows: its counts
/// are its one observation.
/// </summary>
public sealed class EngagementObservation
{
    private EngagementObservation()
    {
    }

    public EngagementObservation(int itemId, DateTime observedAt, long views, long shares, long comments, long likes)
    {
        ItemId = itemId;
        ObservedAt = observedAt;
        Views = views;
        Shares = shares;
        Comments = comments;
        Likes = likes;
    }

    public int Id { get; private set; }

    public int ItemId { get; private set; }

    public DateTime ObservedAt { get; private set; }

    public long Views { get; private set; }

    public long Shares { get; private set; }

    public long Comments { get; private set; }

    public long Likes { get; private set; }

    public long Engagement => Scoring.RiskScorer.Engagement(Views, Shares, Comments, Likes);
}
