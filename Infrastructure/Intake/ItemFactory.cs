using System.Text.Json;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Similarity;

namespace OpinionResponse.Infrastructure.Intake;

public static class ItemFactory
{
    public static OpinionItem Create(ItemSubmission s, DateTime collectedAt)
    {
        var item = new OpinionItem(s.Channel, s.Title, s.Content, s.CollectedBy, collectedAt, s.SourceName, s.Url, s.Author,
            s.Contact, s.PublishedAt?.UtcDateTime, s.Location, s.SuggestedUnitId, s.ExternalId);
        var outlets = s.MediaPickup is { Count: > 0 } list ? list : null;
        item.SetEngagement(s.Views, s.Shares, s.Comments, s.Likes, outlets is null ? null : string.Join('、', outlets));
        item.SetSource(s.SourceKey, outlets is null ? null : JsonSerializer.Serialize(outlets),
            s.PublishedAt is { } p ? (int)p.Offset.TotalMinutes : null);
        item.SetPlatform(s.Platform);
        item.SetFingerprint(SimHash.Compute($"{s.Title}\n{s.Content}"));
        return item;
    }
}
