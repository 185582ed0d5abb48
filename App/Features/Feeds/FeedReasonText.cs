using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using OpinionResponse.Infrastructure.Feeds;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>
/// A stored reason ("code: value|value") in the reader's language: the code's words, then its values through the
/// template <c>FeedReasonDetail.{code}.{count}</c>. In a template {0:MB} is a byte count shown in MB, {0:D} and {0:N0}
/// a number, {0:K} resource keys (<c>@Field.Content</c>) shown as their words. A detail the template does not fit — a
/// reason stored by an older version in English prose — is left out rather than shown raw.
/// </summary>
public static partial class FeedReasonText
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
        if (values.Length == 0 || l[$"FeedReasonDetail.{code}.{values.Length}"] is not { ResourceNotFound: false } template || !Fits(template.Value, values))
        {
            return words.Value;
        }

        var args = values.Select(v => Value(l, v)).ToArray();
        return string.Format(CultureInfo.CurrentCulture, l["Feeds.ReasonFormat"], words.Value, string.Format(new DetailFormat(), template.Value, args));
    }

    /// <summary>Every placeholder has a value of its kind: a number where a number is formatted, keys for K, no English prose elsewhere.</summary>
    private static bool Fits(string template, string[] values) => Placeholder().Matches(template).All(m =>
    {
        var index = int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture);
        if (index >= values.Length)
        {
            return false;
        }

        var value = values[index];
        return m.Groups["f"].Value switch
        {
            "" => !Prose().IsMatch(value),
            "K" => value.StartsWith('@'),
            _ => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        };
    });

    /// <summary>A number as a number; "@Key,@Key" as those resources' words; else the text.</summary>
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

    [GeneratedRegex(@"\{(?<i>\d+)(:(?<f>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Two English words in a row: an exception's message, not a value.</summary>
    [GeneratedRegex(@"[A-Za-z]{2,} [A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Prose();

    /// <summary>{0:MB}: a byte count as megabytes ("17.2 MB"); {0:K}: words as they are; numbers as the current culture writes them.</summary>
    private sealed class DetailFormat : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) => (format, arg) switch
        {
            ("MB", long bytes) => (bytes / 1024d / 1024d).ToString(bytes < 1024 * 1024 ? "0.##" : "0.#", CultureInfo.CurrentCulture) + " MB",
            ("K", _) => arg?.ToString() ?? string.Empty,
            (_, IFormattable formattable) => formattable.ToString(format, CultureInfo.CurrentCulture),
            _ => arg?.ToString() ?? string.Empty,
        };
    }
}
