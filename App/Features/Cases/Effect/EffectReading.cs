using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;

namespace OpinionResponse.App.Features.Cases.Effect;

/// <summary>
/// What happened since the latest publication (回应效果): the items of the case collected after it, the case's engagement
/// at the publication and now, and the sentiment words in the new items. The evaluation dialog shows it and the command
/// records it, computed the same way from the same data.
/// </summary>
public static class EffectReading
{
    public sealed record ItemFacts(int Id, Channel Channel, string Title, DateTime CollectedAt, string? Url, string Text);

    public sealed record Report(
        EffectFigures Figures,
        IReadOnlyList<ItemFacts> NewItems,
        IReadOnlyList<(string Word, int Count)> Negative,
        IReadOnlyList<(string Word, int Count)> Positive);

    /// <summary>Null when the case has no published response to look back to.</summary>
    /// <param name="latestPublished">The case's latest published response (none: nothing to read the effect of).</param>
    public static Report? Of(PublicResponse? latestPublished, IEnumerable<ItemFacts> items, IReadOnlyList<EngagementPoint> curve)
    {
        if (latestPublished is not { PublishedAt: { } publishedAt } response)
        {
            return null;
        }

        var newItems = items.Where(i => i.CollectedAt > publishedAt).OrderByDescending(i => i.CollectedAt).ToList();
        var texts = newItems.Select(i => i.Text).ToList();
        var negative = SentimentWords.Found(SentimentWords.Negative, texts);
        var positive = SentimentWords.Found(SentimentWords.Positive, texts);
        var atPublication = curve.LastOrDefault(p => p.At <= publishedAt)?.Engagement ?? 0;
        var now = curve.Count > 0 ? curve[^1].Engagement : 0;
        var figures = new EffectFigures(response.Sequence, publishedAt, newItems.Count, atPublication, now,
            negative.Sum(w => w.Count), positive.Sum(w => w.Count));
        return new Report(figures, newItems, negative, positive);
    }
}
