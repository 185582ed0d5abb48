using Microsoft.Extensions.Localization;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.App.Common.Ui;

/// <summary>An item's channel as a reader sees it: the platform's name with its family ("抖音 · 短视频"), or the channel alone.</summary>
public static class ItemChannel
{
    public static string Label(IStringLocalizer l, Channel channel, string? platform)
    {
        var family = l.Of(channel);
        // 微博 from the platform 微博 says it once.
        return string.IsNullOrWhiteSpace(platform) || string.Equals(platform, family, StringComparison.OrdinalIgnoreCase)
            ? family
            : string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Item.PlatformOfChannel"], platform, family);
    }
}
