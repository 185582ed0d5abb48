using System.Numerics;

namespace OpinionResponse.Domain.Similarity;

/// <summary>
/// 64-bit SimHash over character n-grams of the normalised text (<see cref="TextNormaliser"/>), DESIGN §2.4. The n-gram
/// length was chosen on the labelled set (docs/benchmarks-neardup.md): the whole-text SimHash is the stored
/// fingerprint and finds copies with small edits; excerpts and added comments are found by <see cref="TextFingerprint.Anchors"/>.
/// </summary>
public static class SimHash
{
    /// <summary>Character bigrams: on short Chinese posts they keep a typo's damage smallest (see the measurement).</summary>
    public const int DefaultNgram = 2;

    public static ulong Compute(string text, int ngram = DefaultNgram) => FromNormalised(TextNormaliser.Normalise(text), ngram);

    public static ulong FromNormalised(ReadOnlySpan<char> normal, int ngram = DefaultNgram)
    {
        if (normal.Length == 0)
        {
            return 0;
        }

        Span<int> weights = stackalloc int[64];
        var n = Math.Min(ngram, normal.Length);
        for (var i = 0; i + n <= normal.Length; i++)
        {
            var h = Hash(normal.Slice(i, n));
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += (int)((h >> bit) & 1) * 2 - 1;
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

        // 0 means "not computed" on a stored item: a real text that lands on 0 is moved one bit away.
        return result == 0 ? 1 : result;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>Folds full/half width and case, drops repost markers, punctuation, symbols and whitespace.</summary>
    public static string Normalise(string text) => TextNormaliser.Normalise(text);

    /// <summary>FNV-1a 64 over UTF-16 code units, then a finaliser so neighbouring grams spread over all bits.</summary>
    internal static ulong Hash(ReadOnlySpan<char> gram)
    {
        var h = 14695981039346656037UL;
        foreach (var c in gram)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
