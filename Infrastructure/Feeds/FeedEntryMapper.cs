using System.Security.Cryptography;
using System.Text;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>A feed entry as the one write path takes it, idempotent on (feed, guid/id, else link, else its text).</summary>
public static class FeedEntryMapper
{
    public const int MaxExternalId = 200;

    public static ItemSubmission ToSubmission(Feed feed, FeedEntry entry) => new()
    {
        Channel = feed.Channel,
        SuggestedUnitId = feed.UnitId,
        ExternalId = ExternalId(entry),
        SourceKey = ItemSources.Feed(feed.Id),
        SourceName = feed.Name,
        CollectedBy = feed.Name,
        Title = entry.Title,
        Content = entry.Content,
        Url = entry.Link,
        Author = entry.Author,
        PublishedAt = entry.PublishedAt,
        AutoAttach = feed.AutoAttach,
    };

    /// <summary>
    /// The guid/id, else the link, else a hash of title and text (an entry with neither would otherwise be stored again
    /// at every poll). An id longer than the column is replaced by its hash, which is just as stable.
    /// </summary>
    public static string ExternalId(FeedEntry entry)
    {
        var id = entry.Id ?? entry.Link;
        if (id is null)
        {
            return "sha256:" + Hash(entry.Title + "\n" + entry.Content);
        }

        return id.Length <= MaxExternalId ? id : "sha256:" + Hash(id);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
