using System.Text;
using OpinionResponse.Infrastructure.Search;

namespace OpinionResponse.App.Features.Search;

/// <summary>A piece of shown text, marked when it matched a search term. Rendered as text (encoded), never as markup.</summary>
public sealed record Marked(string Text, bool Hit);

/// <summary>
/// Finds the search terms in a text as it is shown and cuts it into marked and unmarked pieces. It compares normalised
/// text (full-width and case folded, as the index does) but returns pieces of the original, so what is shown is what was
/// written. The pieces are plain strings: the page encodes them and adds the &lt;mark&gt; itself (encode, then mark).
/// </summary>
public static class Highlighter
{
    /// <summary>The whole text, marked.</summary>
    public static IReadOnlyList<Marked> Mark(string? text, IReadOnlyList<SearchTerm> terms) => Snippet(text, terms, int.MaxValue);

    /// <summary>
    /// At most <paramref name="maxLength"/> characters of the text around its first match (the start when none), marked,
    /// with … where it was cut.
    /// </summary>
    public static IReadOnlyList<Marked> Snippet(string? text, IReadOnlyList<SearchTerm> terms, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var hits = Find(text, terms);
        var start = 0;
        var end = text.Length;
        if (text.Length > maxLength)
        {
            start = hits.Count == 0 ? 0 : Math.Max(0, hits[0].Start - (maxLength / 4));
            start = Math.Max(0, Math.Min(start, text.Length - maxLength));
            start = AlignToRune(text, start);
            end = AlignToRune(text, Math.Min(text.Length, start + maxLength));
        }

        var pieces = new List<Marked>();
        if (start > 0)
        {
            pieces.Add(new Marked("…", false));
        }

        var at = start;
        foreach (var (hitStart, hitEnd) in hits)
        {
            if (hitEnd <= start || hitStart >= end)
            {
                continue;
            }

            var s = Math.Max(hitStart, start);
            var e = Math.Min(hitEnd, end);
            if (s > at)
            {
                pieces.Add(new Marked(text[at..s], false));
            }

            pieces.Add(new Marked(text[s..e], true));
            at = e;
        }

        if (at < end)
        {
            pieces.Add(new Marked(text[at..end], false));
        }

        if (end < text.Length)
        {
            pieces.Add(new Marked("…", false));
        }

        return pieces;
    }

    /// <summary>Where the terms occur in <paramref name="text"/>, as ranges of the original text, merged and in order.</summary>
    public static List<(int Start, int End)> Find(string text, IReadOnlyList<SearchTerm> terms)
    {
        // The normalised text, and for each of its chars the index in the original where its character began.
        var normalised = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length + 1);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            foreach (var c in SearchText.Normalise(rune.ToString()))
            {
                normalised.Append(c);
                origin.Add(index);
            }

            index += rune.Utf16SequenceLength;
        }

        origin.Add(text.Length);
        var flat = normalised.ToString();
        var ranges = new List<(int Start, int End)>();
        foreach (var term in terms.Where(t => t.Text.Length > 0))
        {
            for (var found = flat.IndexOf(term.Text, StringComparison.Ordinal); found >= 0;
                 found = flat.IndexOf(term.Text, found + term.Text.Length, StringComparison.Ordinal))
            {
                var last = found + term.Text.Length;
                // A match ending inside one original character (a ligature that normalised to several) takes all of it.
                while (last < origin.Count - 1 && origin[last] == origin[last - 1])
                {
                    last++;
                }

                ranges.Add((origin[found], origin[last]));
            }
        }

        ranges.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static int AlignToRune(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index - 1 : index;
}
