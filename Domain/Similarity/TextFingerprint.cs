using OpinionResponse.Domain.Grouping;

namespace OpinionResponse.Domain.Similarity;

/// <summary>
/// What the near-duplicate stage keeps of a text: the whole-text <see cref="SimHash"/> and the anchors, 32-bit hashes
/// of character n-grams chosen by winnowing (the smallest hash in every window of consecutive n-grams). Two texts that
/// share a run of at least <see cref="AnchorRules.Guarantee"/> normalised characters share an anchor, wherever the run
/// sits: that is what finds an excerpt or a post under an added comment, which change the whole-text SimHash a lot.
/// Candidates are verified on <see cref="Content"/>: the text without its boilerplate openings and closings, so two
/// short letters that share only "尊敬的镇领导您好，我是北岸镇居民……望有关部门尽快解决，谢谢！" are not near-duplicates.
/// </summary>
public sealed class TextFingerprint
{
    private readonly string? normalised;
    private readonly string? raw;
    private string? content;
    private uint[]? bigrams;
    private string[]? places;

    private TextFingerprint(string? normalised, ulong simHash, uint[] anchors, string? raw, bool isEmpty, uint[]? bigrams = null,
        string? content = null, string[]? places = null)
    {
        this.normalised = normalised;
        this.content = content;
        this.places = places;
        SimHash = simHash;
        Anchors = anchors;
        this.raw = raw;
        IsEmpty = isEmpty;
        this.bigrams = bigrams;
    }

    /// <summary>The normalised text (not kept by a <see cref="Compact"/> fingerprint).</summary>
    public string Normalised => normalised ?? throw new InvalidOperationException("A compact fingerprint keeps no text.");

    /// <summary>Nothing left after normalisation: such a text is nobody's near-duplicate by SimHash.</summary>
    public bool IsEmpty { get; }

    /// <summary>Kept only what <see cref="NearDuplicateRules.Compare"/> reads (see <see cref="Compact"/>).</summary>
    public bool IsCompact => normalised is null;

    /// <summary>
    /// The normalised text without boilerplate (the patterns of <see cref="Boilerplate"/>, shared with the same-matter
    /// stage), computed when first verified; the normalised text itself when only that was given.
    /// </summary>
    public string Content => content ??= raw is null ? Normalised : TextNormaliser.Normalise(Boilerplate.PatternsOnly.Strip(MatterText.Fold(raw)));

    /// <summary>The places <see cref="Content"/> names by their form (<see cref="PlaceMentions"/>): a pair naming different ones is no near-duplicate.</summary>
    public string[] Places => places ??= PlaceMentions.Find(Content);

    /// <summary>
    /// The same fingerprint without its full texts: SimHash, anchors and bigrams, all that verifying a candidate reads. What
    /// the near-duplicate service keeps of recent items, so a new item is verified without reading and re-normalising
    /// their texts (a tenth of the memory of the full fingerprint for a short post).
    /// </summary>
    /// The content (normalised, a few hundred bytes) and its places stay: a candidate's shared frame is found on the
    /// pair's two texts (<see cref="NearDuplicateRules.Compare"/>).
    public TextFingerprint Compact() => IsCompact ? this : new TextFingerprint(null, SimHash, Anchors, null, IsEmpty, Bigrams, Content, Places);

    /// <summary>Approximate managed bytes held (for the cache's budget).</summary>
    public long ApproximateBytes =>
        64 + 4L * Anchors.Length + 4L * (bigrams?.Length ?? 0) + 2L * ((normalised?.Length ?? 0) + (raw?.Length ?? 0) + (content?.Length ?? 0))
        + 40L * (places?.Length ?? 0);

    public ulong SimHash { get; }

    /// <summary>Distinct anchors, ascending; at most <see cref="AnchorRules.MaxAnchors"/> (the smallest, a consistent sample).</summary>
    public uint[] Anchors { get; }

    /// <summary>Distinct character bigrams of <see cref="Content"/>, ascending (two UTF-16 units in one number): what containment is counted on.</summary>
    public uint[] Bigrams => bigrams ??= BigramsOf(Content);

    public static TextFingerprint Of(string? text, AnchorRules? rules = null)
    {
        // A known frame (a platform's fields, a reply letter's formulas, a notice's addressees) is no part of what a
        // copy keeps: it is left out before fingerprinting, so two messages in one frame do not look alike.
        var normalised = TextNormaliser.Normalise(string.IsNullOrEmpty(text) ? text : KnownFrames.Default.Strip(text.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant()));
        rules ??= AnchorRules.Default;
        return new TextFingerprint(normalised, Similarity.SimHash.FromNormalised(normalised), AnchorsOf(normalised, rules), text ?? string.Empty,
            normalised.Length == 0);
    }

    /// <summary>The text an item is fingerprinted by: title and content, as the intake fingerprints it.</summary>
    public static string ItemText(string? title, string? content) => $"{title}\n{content}";

    public static TextFingerprint OfNormalised(string normalised, AnchorRules? rules = null)
    {
        rules ??= AnchorRules.Default;
        return new TextFingerprint(normalised, Similarity.SimHash.FromNormalised(normalised), AnchorsOf(normalised, rules), null, normalised.Length == 0);
    }

    public static uint[] AnchorsOf(ReadOnlySpan<char> normal, AnchorRules rules)
    {
        var grams = normal.Length - rules.Ngram + 1;
        if (grams <= 0)
        {
            return [];
        }

        var hashes = new uint[grams];
        for (var i = 0; i < grams; i++)
        {
            hashes[i] = (uint)(Similarity.SimHash.Hash(normal.Slice(i, rules.Ngram)) >> 32);
        }

        var picked = new HashSet<uint>();
        var window = Math.Min(rules.Window, grams);
        for (var start = 0; start + window <= grams; start++)
        {
            var min = uint.MaxValue;
            for (var i = start; i < start + window; i++)
            {
                min = Math.Min(min, hashes[i]);
            }

            picked.Add(min);
        }

        var sorted = picked.ToArray();
        Array.Sort(sorted);
        return sorted.Length <= rules.MaxAnchors ? sorted : sorted[..rules.MaxAnchors];
    }

    private static uint[] BigramsOf(string normal)
    {
        if (normal.Length == 0)
        {
            return [];
        }

        if (normal.Length == 1)
        {
            return [normal[0]];
        }

        var set = new HashSet<uint>();
        for (var i = 0; i + 1 < normal.Length; i++)
        {
            set.Add(((uint)normal[i] << 16) | normal[i + 1]);
        }

        var sorted = set.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}

/// <param name="Ngram">Characters per hashed n-gram.</param>
/// <param name="Window">N-grams per winnowing window.</param>
/// <param name="MaxAnchors">Anchors kept per text (long articles): the smallest, so two copies keep the same ones.</param>
public sealed record AnchorRules(int Ngram, int Window, int MaxAnchors)
{
    public static readonly AnchorRules Default = new(5, 16, 64);

    /// <summary>The shortest shared run of normalised characters that always shares an anchor.</summary>
    public int Guarantee => Ngram + Window - 1;
}
