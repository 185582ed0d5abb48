using OpinionResponse.Domain.Grouping;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>Config section "Grouping" (appsettings.json): the same-matter stage.</summary>
public sealed class GroupingOptions
{
    public const string Section = "Grouping";

    /// <summary>Items compared against: those collected in the last this many days.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>The score, its weights and the suggestion threshold.</summary>
    public MatterWeights SameMatter { get; set; } = new();

    /// <summary>How often the word weights (IDF) and the learned boilerplate are recounted from the window.</summary>
    public TimeSpan RecountEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A clause in at least this many items, and at least <see cref="BoilerplateMinFraction"/> of all, is boilerplate.</summary>
    public int BoilerplateMinDocuments { get; set; } = 20;

    public double BoilerplateMinFraction { get; set; } = 0.002;

    /// <summary>Per place/problem/word key, only the most recent this many items are candidates (bounds the cost per item).</summary>
    public int MaxPostingsPerKey { get; set; } = 400;

    /// <summary>
    /// Per new item, only this many of the items behind its keys are scored: those sharing the rarest keys with it
    /// (<see cref="SameMatterIndex.Find"/>). 0 or less: all of them.
    /// </summary>
    public int MaxCandidates { get; set; } = 64;

    /// <summary>How many words of an item (highest weight first) are index keys.</summary>
    public int KeyWords { get; set; } = 4;
}
