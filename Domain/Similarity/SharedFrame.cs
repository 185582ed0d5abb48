namespace OpinionResponse.Domain.Similarity;

/// <summary>
/// The frame a pair of texts shares, found on the pair alone (no window, so it works from the first day): their common
/// beginning and common end. What lies between is what each says; two texts whose middles are both substantial and
/// unlike each other are two matters in one frame (a reply template, a notice, a platform's wrapper the frame list does
/// not know), however much of their text is the same.
/// </summary>
public static class SharedFrame
{
    /// <summary>Common beginning plus end (normalised characters) from which the pair counts as framed.</summary>
    public const int MinFrame = 8;

    /// <summary>A frame shared at both ends has at least this many characters at each.</summary>
    public const int MinEnd = 4;

    /// <summary>Each middle at least this long: shorter ones are an edit (a typo, a changed word), not a second matter.</summary>
    public const int MinMiddle = 10;

    /// <summary>The shorter middle's bigrams found in the longer one below this: the middles say different things.</summary>
    public const double MaxMiddleContainment = 0.5;

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> (normalised) share a frame round different matters.</summary>
    public static bool DifferentMattersInOneFrame(string a, string b)
    {
        // A frame has fields: a record's number, the date a letter came in, the day it was answered. Read as one mark
        // each, they do not cut the frame short, so the middles are what the two say, not the rest of the frame.
        var (middleA, middleB, prefix, suffix) = Middles(WithoutNumbers(a), WithoutNumbers(b));
        if (prefix + suffix < MinFrame || middleA.Length < MinMiddle || middleB.Length < MinMiddle)
        {
            return false;
        }

        // Shared at one end only, the shared run may be the matter itself (an excerpt under a comment, a truncated copy):
        // it is a frame only when what each says beyond it is longer than it (a header or a signature round a body).
        if ((prefix < MinEnd || suffix < MinEnd) && prefix + suffix >= Math.Min(middleA.Length, middleB.Length))
        {
            return false;
        }

        var small = middleA.Length <= middleB.Length ? middleA.Span : middleB.Span;
        var large = middleA.Length <= middleB.Length ? middleB.Span : middleA.Span;
        var grams = new HashSet<int>();
        for (var i = 0; i + 1 < large.Length; i++)
        {
            grams.Add((large[i] << 16) | large[i + 1]);
        }

        var found = 0;
        for (var i = 0; i + 1 < small.Length; i++)
        {
            found += grams.Contains((small[i] << 16) | small[i + 1]) ? 1 : 0;
        }

        return (double)found / (small.Length - 1) < MaxMiddleContainment;
    }

    /// <summary>Each run of digits as one '#'.</summary>
    public static string WithoutNumbers(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                if (i == 0 || !char.IsAsciiDigit(text[i - 1]))
                {
                    builder.Append('#');
                }
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>The two middles left when the common beginning and end are taken off, and that frame's length.</summary>
    public static (ReadOnlyMemory<char> A, ReadOnlyMemory<char> B, int Prefix, int Suffix) Middles(string a, string b)
    {
        var prefix = a.AsSpan().CommonPrefixLength(b);
        var room = Math.Min(a.Length, b.Length) - prefix;
        var suffix = 0;
        while (suffix < room && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        return (a.AsMemory(prefix, a.Length - prefix - suffix), b.AsMemory(prefix, b.Length - prefix - suffix), prefix, suffix);
    }
}
