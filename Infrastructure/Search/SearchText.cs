using System.Globalization;
using System.Text;

namespace OpinionResponse.Infrastructure.Search;

/// <summary>
/// How text is cut for the search index, the same way for what is stored and what is asked. Text is normalised (NFKC, so
/// full-width ３ is 3; lower case) and read as <em>units</em>: each Chinese (or other East Asian) character is a unit, a
/// run of other letters and digits (a Latin word, a number) is one unit. Anything else — punctuation, spaces, emoji,
/// symbols — ends a <em>segment</em>. A document is indexed as the bigrams of adjacent units within each segment, in
/// order (so a query of n units is an exact phrase of its n−1 bigrams: 停水 is one bigram, 滨江小区 three in a row), and
/// as its single units (so a one-character query 水 and a lone number 12345 are found too). Two characters need no
/// dictionary: people's names and new place names are found as they are written.
/// </summary>
public static class SearchText
{
    /// <summary>Units of a query beyond this are ignored: longer input is not a search (a pasted page), and it must stay cheap.</summary>
    public const int MaxQueryUnits = 64;

    /// <summary>The segments of <paramref name="text"/>, each a list of units.</summary>
    public static List<List<string>> Segments(string? text)
    {
        var segments = new List<List<string>>();
        if (string.IsNullOrEmpty(text))
        {
            return segments;
        }

        var current = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in Normalise(text).EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune))
            {
                EndWord();
                EndSegment();
                continue;
            }

            if (IsEastAsian(rune))
            {
                EndWord();
                current.Add(rune.ToString());
            }
            else
            {
                word.Append(rune.ToString());
            }
        }

        EndWord();
        EndSegment();
        return segments;

        void EndWord()
        {
            if (word.Length > 0)
            {
                current.Add(word.ToString());
                word.Clear();
            }
        }

        void EndSegment()
        {
            if (current.Count > 0)
            {
                segments.Add(current);
                current = [];
            }
        }
    }

    /// <summary>The bigram column of a document: adjacent units of each segment joined, in order, space separated.</summary>
    public static string Bigrams(string? text)
    {
        var sb = new StringBuilder();
        foreach (var segment in Segments(text))
        {
            for (var i = 0; i + 1 < segment.Count; i++)
            {
                sb.Append(segment[i]).Append(segment[i + 1]).Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>The unit column of a document: every unit once, space separated (order does not matter for one unit).</summary>
    public static string Unigrams(string? text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var unit in Segments(text).SelectMany(s => s))
        {
            if (seen.Add(unit))
            {
                sb.Append(unit).Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// What a user typed, as the terms every match must contain (one per segment, at most <see cref="MaxQueryUnits"/>
    /// units in all). Operators, quotes and brackets are not letters, so they only separate terms: nothing typed is ever
    /// read as query syntax. Empty when nothing searchable was typed.
    /// </summary>
    public static IReadOnlyList<SearchTerm> Terms(string? query)
    {
        var terms = new List<SearchTerm>();
        var budget = MaxQueryUnits;
        foreach (var segment in Segments(query))
        {
            if (budget <= 0)
            {
                break;
            }

            var units = segment.Take(budget).ToList();
            budget -= units.Count;
            var term = new SearchTerm(units);
            if (!terms.Contains(term))
            {
                terms.Add(term);
            }
        }

        return terms;
    }

    /// <summary>NFKC and lower case: full-width letters and digits become ASCII, Ａ and a are one letter.</summary>
    public static string Normalise(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Scripts written without spaces between words, where each character is a unit (CJK, kana, Hangul…).</summary>
    private static bool IsEastAsian(Rune rune) => rune.Value >= 0x2E80 && !(rune.Value is >= 0xFF00 and <= 0xFFEF);
}

/// <summary>One term of a query: units that must appear next to each other, in order.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Units)
{
    /// <summary>The term as it reads after normalisation (3号楼), what highlighting looks for.</summary>
    public string Text { get; } = string.Concat(Units);

    public bool Equals(SearchTerm? other) => other is not null && Text == other.Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}
