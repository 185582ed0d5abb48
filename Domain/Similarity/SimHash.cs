using System.Globalization;
using System.Text;

namespace OpinionResponse.Domain.Similarity;

/// <summary>
/// 64-bit SimHash over normalised character n-grams (DESIGN §2.4). First version: the near-duplicate work of issue 4
/// tunes the n-gram and distance on the labelled set.
/// </summary>
public static class SimHash
{
    public static ulong Compute(string text, int ngram = 3)
    {
        var normal = Normalise(text);
        if (normal.Length == 0)
        {
            return 0;
        }

        Span<int> weights = stackalloc int[64];
        var n = Math.Min(ngram, normal.Length);
        for (var i = 0; i + n <= normal.Length; i++)
        {
            var h = Hash(normal.AsSpan(i, n));
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((h >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        ulong result = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }

        return result;
    }

    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    /// <summary>Folds full/half width and case, drops punctuation, symbols and whitespace.</summary>
    public static string Normalise(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) && category != UnicodeCategory.OtherSymbol)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static ulong Hash(ReadOnlySpan<char> gram)
    {
        // FNV-1a 64 over UTF-16 code units, then a finaliser so neighbouring grams spread over all bits.
        var h = 14695981039346656037UL;
        foreach (var c in gram)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }
}
