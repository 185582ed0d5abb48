using Microsoft.Extensions.Localization;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// When an item was published, and how late it was collected when that is long: a week-old post collected today must
/// not look fresh beside the collection time.
/// </summary>
public static class PublishTime
{
    /// <summary>From this delay on the text says it ("采集晚 3 天").</summary>
    public static readonly TimeSpan NotableDelay = TimeSpan.FromHours(1);

    /// <summary>"发布 2026-12-04 21:08（采集晚 3 天）", or null when the publish time is unknown.</summary>
    public static string? Describe(DateTime? publishedAt, DateTime collectedAt, IStringLocalizer l)
    {
        if (publishedAt is not { } published)
        {
            return null;
        }

        var text = string.Format(l["Item.Published"], published.Beijing16());
        var delay = collectedAt - published;
        if (delay < NotableDelay)
        {
            return text;
        }

        var late = delay.TotalDays >= 1
            ? string.Format(l["Item.CollectedLateDays"], (int)delay.TotalDays)
            : string.Format(l["Item.CollectedLateHours"], (int)delay.TotalHours);
        return $"{text}{string.Format(l["Item.LateWrap"], late)}";
    }
}
