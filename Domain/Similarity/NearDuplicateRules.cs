namespace OpinionResponse.Domain.Similarity;

/// <summary>
/// When two texts are near-duplicates (DESIGN §2.4): their whole-text SimHashes are within
/// <see cref="MaxDistance"/>, or they share an anchor and most of the shorter text's bigrams are in the longer one
/// (an excerpt, a repost with a comment), boilerplate openings and closings left out (<see cref="TextFingerprint.Content"/>). The same rules decide in the running index and in the evaluation of a
/// labelled set, so what the evaluation reports is what the desk gets.
/// </summary>
/// <param name="MaxDistance">Hamming distance of the whole-text SimHashes (k).</param>
/// <param name="MinContainment">Share of the shorter text's bigrams found in the longer one.</param>
/// <param name="MinSharedBigrams">Bigrams the two must share at least, so a two-word text is not contained in everything.</param>
public sealed record NearDuplicateRules(int MaxDistance = 3, double MinContainment = 0.5, int MinSharedBigrams = 10)
{
    public static readonly NearDuplicateRules Default = new();

    public NearDuplicateMatch Compare(TextFingerprint a, TextFingerprint b)
    {
        var distance = SimHash.Distance(a.SimHash, b.SimHash);
        var byHash = distance <= MaxDistance && !a.IsEmpty && !b.IsEmpty;
        if (!byHash && !ShareAnchor(a.Anchors, b.Anchors))
        {
            return new NearDuplicateMatch(false, distance, 0, 1 - distance / 64.0);
        }

        var (shared, containment) = Containment(a.Bigrams, b.Bigrams);
        var byContent = containment >= MinContainment && shared >= MinSharedBigrams;
        if ((byHash || byContent) && Vetoed(a, b))
        {
            return new NearDuplicateMatch(false, distance, containment, Math.Min(1 - distance / 64.0, containment));
        }

        var similarity = Math.Max(1 - distance / 64.0, byContent ? containment : 0);
        return new NearDuplicateMatch(byHash || byContent, distance, containment, similarity);
    }

    /// <summary>
    /// Alike, but about different things: each names a place the other does not (the same complaint about two schools,
    /// two bus lines, two buildings), or the two share a frame round different middles (<see cref="SharedFrame"/>).
    /// </summary>
    public static bool Vetoed(TextFingerprint a, TextFingerprint b) =>
        Grouping.PlaceMentions.Conflict(a.Places, b.Places) || SharedFrame.DifferentMattersInOneFrame(a.Content, b.Content);

    public static bool ShareAnchor(uint[] a, uint[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                return true;
            }

            if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    /// <summary>(shared bigrams, shared / the smaller set) over two ascending distinct arrays.</summary>
    public static (int Shared, double Containment) Containment(uint[] a, uint[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return (0, 0);
        }

        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (shared, (double)shared / Math.Min(a.Length, b.Length));
    }
}

/// <param name="Distance">Hamming distance of the whole-text SimHashes.</param>
/// <param name="Containment">Share of the shorter text's bigrams in the longer one (0 when not compared).</param>
/// <param name="Similarity">0..1: the larger of 1 − distance/64 and, when it decided, the containment.</param>
public sealed record NearDuplicateMatch(bool IsDuplicate, int Distance, double Containment, double Similarity)
{
    /// <summary>The similarity on SimHash's 64-bit scale, as the desk reads it ("距离 2"): the Hamming distance for a close copy.</summary>
    public int ScaledDistance => (int)Math.Round((1 - Similarity) * 64);
}
