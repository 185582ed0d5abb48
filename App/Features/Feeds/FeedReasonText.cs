using System.Globalization;
using Microsoft.Extensions.Localization;
using OpinionResponse.Infrastructure.Feeds;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>
/// A stored reason ("code: value|value") in the reader's language: the code's words, then its values through the
/// template <c>FeedReasonDetail.{code}.{count}</c> (sizes as MB, marked words translated). A detail no template fits
/// (a reason stored by an older version, in English) is left out rather than shown raw.
/// </summary>
public static class FeedReasonText
{
    public static string Describe(IStringLocalizer l, string? reason)
    {
        var (code, detail) = FeedReasons.Parse(reason);
        if (code is null)
        {
            return string.IsNullOrEmpty(detail) ? string.Empty : l["FeedReason.unexpected"];
        }

        var words = l[$"FeedReason.{code}"];
        if (words.ResourceNotFound)
        {
            return l["FeedReason.unexpected"];
        }

        var values = detail.Length == 0 ? [] : detail.Split(FeedReasons.Separator);
        if (values.Length == 0 || l[$"FeedReasonDetail.{code}.{values.Length}"] is not { ResourceNotFound: false } template)
        {
            return words.Value;
        }

        var args = values.Select(v => Value(l, v)).ToArray();
        return string.Format(CultureInfo.CurrentCulture, l["Feeds.ReasonFormat"], words.Value, string.Format(new SizeFormat(), template.Value, args));
    }

    /// <summary>A number as a number (for {0:N0} and {0:MB}); "@Key,@Key" as those resources' words; else the text.</summary>
    private static object Value(IStringLocalizer l, string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (value.StartsWith('@'))
        {
            return string.Join(l["Access.ListSeparator"], value.Split(',').Select(key =>
                l[key.TrimStart('@')] is { ResourceNotFound: false } found ? found.Value : key.TrimStart('@')));
        }

        return value;
    }

    /// <summary>{0:MB}: a byte count as megabytes ("17.2 MB"); everything else as the current culture formats it.</summary>
    private sealed class SizeFormat : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) => (format, arg) switch
        {
            ("MB", long bytes) => (bytes / 1024d / 1024d).ToString(bytes < 1024 * 1024 ? "0.##" : "0.#", CultureInfo.CurrentCulture) + " MB",
            (_, IFormattable formattable) => formattable.ToString(format, CultureInfo.CurrentCulture),
            _ => arg?.ToString() ?? string.Empty,
        };
    }
}
