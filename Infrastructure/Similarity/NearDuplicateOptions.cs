using OpinionResponse.Domain.Similarity;

namespace OpinionResponse.Infrastructure.Similarity;

/// <summary>The <c>NearDuplicates</c> section of appsettings.json (DESIGN §2.4).</summary>
public sealed class NearDuplicateOptions
{
    public const string Section = "NearDuplicates";

    /// <summary>k: whole-text SimHash distance that makes two items near-duplicates (chosen on Tests/data/pairs.tsv).</summary>
    public int MaxDistance { get; set; } = NearDuplicateRules.Default.MaxDistance;

    /// <summary>Share of the shorter text's bigrams found in the longer one (excerpts, reposts with comments).</summary>
    public double MinContainment { get; set; } = NearDuplicateRules.Default.MinContainment;

    public int MinSharedBigrams { get; set; } = NearDuplicateRules.Default.MinSharedBigrams;

    /// <summary>Items of the last this many days are loaded into the index at start-up.</summary>
    public int WindowDays { get; set; } = 365;

    /// <summary>
    /// The global switch for attaching items automatically (off by default). When on, an item from an API client or a
    /// feed whose own AutoAttach is on is attached to the open case of its best near-duplicate at or above
    /// <see cref="AutoAttachMinSimilarity"/>.
    /// </summary>
    public bool AutoAttach { get; set; }

    public double AutoAttachMinSimilarity { get; set; } = 0.9;

    /// <summary>Near-duplicates kept as suggestions per new item (the most similar).</summary>
    public int MaxSuggestions { get; set; } = 3;

    /// <summary>
    /// Candidates verified per item at most, the likeliest first (within the SimHash distance, then most anchors shared):
    /// on the labelled set with 200,000 distractors every original is among the first 32.
    /// </summary>
    public int MaxCandidates { get; set; } = 64;

    /// <summary>
    /// Memory for the compact fingerprints of recent items (about 1.5 KB for a short post), so candidates are verified
    /// without reading their texts again; 0 turns the cache off.
    /// </summary>
    public int VerifyCacheMegabytes { get; set; } = 32;

    public NearDuplicateRules Rules => new(MaxDistance, MinContainment, MinSharedBigrams);
}
