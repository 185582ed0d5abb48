using Microsoft.Extensions.Localization;
using OpinionResponse.Infrastructure.Feeds;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>A stored reason ("code: detail") in the reader's language: the code's words, then the technical detail.</summary>
public static class FeedReasonText
{
    public static string Describe(IStringLocalizer l, string? reason)
    {
        var (code, detail) = FeedReasons.Parse(reason);
        if (code is null)
        {
            return detail;
        }

        var words = l[$"FeedReason.{code}"];
        return words.ResourceNotFound ? $"{code}: {detail}" : string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Feeds.ReasonFormat"], words.Value, detail);
    }
}
