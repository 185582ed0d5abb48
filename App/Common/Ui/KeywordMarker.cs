using System.Text.RegularExpressions;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// Finds the scoring policy's sensitive words in a text, longest first, so the triage queue and the case page can
/// highlight what the score counted. It splits the raw text; each piece is encoded on its own and only then wrapped in a
/// mark, so a word never cuts through an encoded character and user text never becomes markup.
/// </summary>
public sealed class KeywordMarker
{
    private readonly Regex? pattern;

    public KeywordMarker(IEnumerable<string> words)
    {
        var distinct = words.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim()).Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length).ToList();
        pattern = distinct.Count == 0
            ? null
            : new Regex(string.Join('|', distinct.Select(Regex.Escape)), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
    }

    public static KeywordMarker None { get; } = new([]);

    /// <summary>The text in pieces, each marked or not; empty for an empty text.</summary>
    public IReadOnlyList<(string Text, bool Marked)> Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        if (pattern is null)
        {
            return [(text, false)];
        }

        var pieces = new List<(string, bool)>();
        var at = 0;
        foreach (Match match in pattern.Matches(text))
        {
            if (match.Index > at)
            {
                pieces.Add((text[at..match.Index], false));
            }

            pieces.Add((match.Value, true));
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            pieces.Add((text[at..], false));
        }

        return pieces;
    }
}
