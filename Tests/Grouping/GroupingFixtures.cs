using OpinionResponse.Domain.Grouping;
using OpinionResponse.Infrastructure.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>The seeded gazetteer of 北岸镇 and one jieba segmenter for the whole test run (its dictionary loads once).</summary>
internal static class GroupingFixtures
{
    private static readonly Lazy<JiebaWordSegmenter> SharedSegmenter = new(() => new JiebaWordSegmenter());

    public static JiebaWordSegmenter Segmenter => SharedSegmenter.Value;

    public static IReadOnlyList<Place> Places { get; } = PlaceSeed.Places.Select(p => new Place(p.Name, p.Kind, p.Aliases)).ToList();

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    /// <summary>A labelled pair file of Tests/data through the evaluation `grouping evaluate` runs, per kind (empty window, default options).</summary>
    public static Dictionary<string, KindFigures> Evaluate(string file)
    {
        using var reader = new StreamReader(DataFile(file));
        var pairs = PairEvaluation.Parse(reader, file);
        return PairEvaluation.Evaluate(pairs, [], Places, Segmenter, new GroupingOptions()).ToDictionary(f => f.Kind);
    }

    /// <summary>A model learned over <paramref name="corpus"/> texts, with the app's default options.</summary>
    public static MatterModel Model(params string[] corpus) =>
        MatterModel.Build(corpus.Select((t, i) => new MatterDocument(i + 1, string.Empty, t, null)).ToList(), Places, Segmenter, new GroupingOptions()).Model;

    /// <summary>Two texts scored against each other as the stage would, in a model learned over the two.</summary>
    public static MatterScore Score(string a, string b)
    {
        var model = Model(a, b);
        return MatterScorer.Score(model.Extractor.Extract(1, "", a, null), model.Extractor.Extract(2, "", b, null), model.Weights, new MatterWeights());
    }
}
