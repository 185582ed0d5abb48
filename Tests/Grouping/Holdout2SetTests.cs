using OpinionResponse.Infrastructure.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>
/// The hold-out sets (Tests/data/pairs-holdout2.tsv: 45 matters in three voices, every kind derived from them;
/// pairs-holdout3.tsv and pairs-holdout4.tsv, each written blind in another engineer's words; never tuned on, their misses
/// never listed) and the tuning sets (pairs-hotline-tuning.tsv, pairs-tuning3.tsv, pairs-tuning4.tsv, pairs-tuning5.tsv),
/// through the evaluation <c>grouping evaluate</c> runs. Floors sit at or a little below the figures measured after the
/// last change (docs/benchmarks-grouping.md), so a regression fails; the docs say where they miss the targets.
/// </summary>
public class Holdout2SetTests
{
    private static readonly Dictionary<string, Lazy<Dictionary<string, KindFigures>>> Sets =
        new[] { "pairs-holdout2.tsv", "pairs-hotline-tuning.tsv", "pairs-tuning3.tsv", "pairs-tuning4.tsv", "pairs-tuning5.tsv", "pairs-holdout3.tsv", "pairs-holdout4.tsv" }
            .ToDictionary(f => f, f => new Lazy<Dictionary<string, KindFigures>>(() => GroupingFixtures.Evaluate(f)));

    private static Dictionary<string, KindFigures> Of(string file) => Sets[file].Value;

    [Fact]
    public void The_hold_out_has_at_least_200_pairs_of_every_kind_the_brief_names()
    {
        Assert.True(Of("pairs-holdout2.tsv").Values.Sum(f => f.Pairs) >= 200);
        Assert.All(new[] { "hotline", "retelling", "other-place", "other-problem", "f-reply", "f-workorder" }, k => Assert.Contains(k, Of("pairs-holdout2.tsv").Keys));
    }

    [Theory]
    [InlineData("pairs-holdout2.tsv", "hotline", 40)]
    [InlineData("pairs-holdout2.tsv", "retelling", 39)]
    [InlineData("pairs-hotline-tuning.tsv", "hotline", 37)]
    [InlineData("pairs-hotline-tuning.tsv", "retelling", 18)]
    [InlineData("pairs-tuning3.tsv", "hotline", 29)]
    [InlineData("pairs-tuning3.tsv", "retelling", 19)]
    [InlineData("pairs-tuning4.tsv", "hotline", 49)]
    [InlineData("pairs-tuning4.tsv", "retelling", 42)]
    [InlineData("pairs-tuning5.tsv", "hotline", 35)]
    [InlineData("pairs-tuning5.tsv", "retelling", 99)]
    [InlineData("pairs-holdout3.tsv", "hotline", 33)]
    [InlineData("pairs-holdout3.tsv", "retelling", 22)]
    [InlineData("pairs-holdout4.tsv", "hotline", 34)]
    [InlineData("pairs-holdout4.tsv", "retelling", 17)]
    public void Hotline_notes_and_retellings_are_linked_at_their_measured_level(string file, string kind, int floor)
    {
        var f = Of(file)[kind];

        Assert.True(f.SameMatter >= floor, $"{file} {kind}: {f.SameMatter}/{f.Pairs}");
    }

    [Theory]
    [InlineData("pairs-holdout2.tsv")]
    [InlineData("pairs-hotline-tuning.tsv")]
    [InlineData("pairs-tuning3.tsv")]
    [InlineData("pairs-tuning4.tsv")]
    [InlineData("pairs-tuning5.tsv")]
    [InlineData("pairs-holdout3.tsv")]
    [InlineData("pairs-holdout4.tsv")]
    public void Distinct_pairs_of_the_same_vocabulary_stay_within_their_measured_level(string file)
    {
        var distinct = Of(file).Values.Where(f => f.Label == "distinct").ToList();
        var pairs = distinct.Sum(f => f.Pairs);

        Assert.True(distinct.Sum(f => f.NearDuplicate) <= 0.005 * pairs, $"near-duplicate {distinct.Sum(f => f.NearDuplicate)}/{pairs}");
        Assert.True(distinct.Sum(f => f.SameMatter) <= 0.05 * pairs, $"same matter {distinct.Sum(f => f.SameMatter)}/{pairs}");
    }
}
