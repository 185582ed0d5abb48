namespace OpinionResponse.Domain.Grouping;

/// <summary>
/// Inverse document frequencies of words over the stored corpus (the items in the window): a word every item uses
/// (反映, 小区) weighs little, a word few use (dn300, 热水器) weighs much. Immutable; the index swaps in a new one
/// when it recounts.
/// </summary>
public sealed class WordWeights
{
    private static int _generations;
    private readonly Dictionary<string, int> _documentFrequency;

    public WordWeights(Dictionary<string, int> documentFrequency, int documents)
    {
        _documentFrequency = documentFrequency;
        Documents = documents;
        Generation = Interlocked.Increment(ref _generations);
    }

    public static WordWeights Uniform { get; } = new([], 0);

    public int Documents { get; }

    /// <summary>Changes with every new table, so cached norms know they are stale.</summary>
    public int Generation { get; }

    public double Idf(string word) =>
        Math.Log((Documents + 1.0) / (_documentFrequency.GetValueOrDefault(word) + 1.0)) + 1.0;

    public static WordWeights Count(IEnumerable<MatterFeatures> items)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var item in items)
        {
            n++;
            foreach (var word in item.Words.Keys)
            {
                df[word] = df.GetValueOrDefault(word) + 1;
            }
        }

        return new WordWeights(df, n);
    }
}
