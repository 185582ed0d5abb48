using OpinionResponse.Domain.Grouping;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>A text to learn from or to index: an item of the window, or a text of the evaluation file.</summary>
public sealed record MatterDocument(int ItemId, string Title, string Content, DateTime? At);

/// <summary>
/// Everything the same-matter score needs at one moment: the gazetteer, the learned boilerplate, the extractor and
/// the word weights. Immutable; rebuilt from the corpus (start-up, every <see cref="GroupingOptions.RecountEvery"/>,
/// after a gazetteer change) and swapped in whole. The running app and the evaluation command build it the same way.
/// </summary>
public sealed class MatterModel
{
    private MatterModel(MatterFeatureExtractor extractor, Boilerplate boilerplate, Gazetteer gazetteer, WordWeights weights)
    {
        Extractor = extractor;
        Boilerplate = boilerplate;
        Gazetteer = gazetteer;
        Weights = weights;
    }

    public MatterFeatureExtractor Extractor { get; }

    public Boilerplate Boilerplate { get; }

    public Gazetteer Gazetteer { get; }

    public WordWeights Weights { get; }

    /// <summary>The same model with word weights counted over <paramref name="features"/> (the index's items, no re-extraction).</summary>
    public MatterModel Reweighed(IEnumerable<MatterFeatures> features) => new(Extractor, Boilerplate, Gazetteer, WordWeights.Count(features));

    public MatterFeatures Extract(MatterDocument d) => Extractor.Extract(d.ItemId, d.Title, d.Content, d.At);

    /// <summary>
    /// The documents' features, in their order, on every core: word segmentation is most of an item's cost and depends on
    /// nothing but its text, and the same-matter stage runs while the intake is quiet.
    /// </summary>
    public MatterFeatures[] ExtractAll(IReadOnlyList<MatterDocument> documents, CancellationToken cancellationToken = default)
    {
        var features = new MatterFeatures[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var d = documents[i];
            features[i] = Extractor.Extract(d.ItemId, d.Title, d.Content, d.At);
        });
        return features;
    }

    /// <summary>
    /// Learns the boilerplate from <paramref name="corpus"/>, extracts every document's features and counts the word
    /// weights over them. Returns the model and the features, in corpus order.
    /// </summary>
    public static (MatterModel Model, List<MatterFeatures> Features) Build(
        IReadOnlyList<MatterDocument> corpus, IEnumerable<Place> places, JiebaWordSegmenter segmenter, GroupingOptions options,
        CancellationToken cancellationToken = default)
    {
        var gazetteer = Gazetteer.From(places);
        segmenter.AddWords(gazetteer.Names.Concat(ProblemCategories.Default.Words));
        var boilerplate = Boilerplate.Learn(corpus.Select(d => MatterText.Fold($"{d.Title}。{d.Content}")),
            options.BoilerplateMinDocuments, options.BoilerplateMinFraction);
        var extractor = new MatterFeatureExtractor(segmenter, gazetteer, ProblemCategories.Default, boilerplate);
        // One core: the start-up load and the hourly recount run in the background beside the requests.
        var features = new List<MatterFeatures>(corpus.Count);
        foreach (var document in corpus)
        {
            cancellationToken.ThrowIfCancellationRequested();
            features.Add(extractor.Extract(document.ItemId, document.Title, document.Content, document.At));
        }

        return (new MatterModel(extractor, boilerplate, gazetteer, WordWeights.Count(features)), features);
    }
}
