using OpinionResponse.Infrastructure.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>
/// The untuned labelled set (Tests/data/pairs-unseen.tsv), through the evaluation the admin command runs. Bounds are
/// the figures measured on it (docs/benchmarks-grouping.md), not the targets where those are missed: the test
/// keeps what was reached from slipping back, and the docs say what is still short.
/// </summary>
public class UnseenSetTests
{
    private static readonly Lazy<Dictionary<string, KindFigures>> Figures = new(() => GroupingFixtures.Evaluate("pairs-unseen.tsv"));

    [Fact]
    public void The_set_has_at_least_400_pairs()
    {
        Assert.True(Figures.Value.Values.Sum(f => f.Pairs) >= 400);
    }

    [Theory]
    [InlineData("f-reply")]
    [InlineData("f-notice")]
    [InlineData("f-platform")]
    [InlineData("f-workorder")]
    public void Different_matters_in_one_frame_are_neither_near_duplicates_nor_suggested(string kind)
    {
        var f = Figures.Value[kind];

        Assert.Equal(0, f.NearDuplicate);
        Assert.Equal(0, f.SameMatter);
    }

    [Fact]
    public void Mechanical_edits_are_all_found_by_the_near_duplicate_stage()
    {
        foreach (var f in Figures.Value.Values.Where(f => f.Kind.StartsWith("m-", StringComparison.Ordinal)))
        {
            Assert.True(f.NearDuplicate >= 0.98 * f.Pairs, $"{f.Kind}: {f.NearDuplicate}/{f.Pairs}");
        }
    }

    [Fact]
    public void False_links_over_all_distinct_pairs_stay_at_their_measured_level()
    {
        var distinct = Figures.Value.Values.Where(f => f.Label == "distinct").ToList();
        var pairs = distinct.Sum(f => f.Pairs);

        // Measured 0/200 near-duplicate and 1/200 same matter (a tuning set now: its misses were read); the targets
        // are 0.5 % and 5 %.
        Assert.True(distinct.Sum(f => f.NearDuplicate) <= 0.005 * pairs, $"near-duplicate {distinct.Sum(f => f.NearDuplicate)}/{pairs}");
        Assert.True(distinct.Sum(f => f.SameMatter) <= 0.02 * pairs, $"same matter {distinct.Sum(f => f.SameMatter)}/{pairs}");
    }

    [Theory]
    [InlineData("hotline", 0.92)]
    [InlineData("retelling", 0.8)]
    public void Retellings_and_hotline_notes_are_linked_at_their_measured_level(string kind, double floor)
    {
        var f = Figures.Value[kind];

        Assert.True(f.SameMatter >= floor * f.Pairs, $"{kind}: {f.SameMatter}/{f.Pairs}");
    }
}
