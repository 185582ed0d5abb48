using OpinionResponse.Domain.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

public class GazetteerTests
{
    private static readonly Gazetteer Town = Gazetteer.From(
    [
        new Place("滨江村", PlaceKind.Village),
        new Place("滨江小区", PlaceKind.Estate, ["滨江新村"]),
        new Place("北岸农贸市场", PlaceKind.Market, ["农贸市场", "北岸菜市场"]),
        new Place("幸福路", PlaceKind.Road),
    ]);

    [Fact]
    public void The_longest_name_wins_where_names_share_a_start()
    {
        var found = Town.Match(MatterText.Fold("滨江小区停水，滨江村没事"));

        Assert.Equal(["滨江小区", "滨江村"], found.Select(m => m.Canonical));
    }

    [Fact]
    public void An_alias_stands_for_its_place()
    {
        var found = Town.Match(MatterText.Fold("北岸菜市场门口堵车，滨江新村也停水"));

        Assert.Equal(["北岸农贸市场", "滨江小区"], found.Select(m => m.Canonical));
        Assert.Equal("北岸菜市场", found[0].Text);
    }

    [Fact]
    public void Matches_do_not_overlap_and_a_text_without_places_has_none()
    {
        Assert.Single(Town.Match("北岸农贸市场"));
        Assert.Empty(Town.Match("今天天气很好"));
        Assert.Empty(Gazetteer.Empty.Match("滨江小区"));
    }

    [Fact]
    public void Problem_words_map_to_their_category()
    {
        var categories = ProblemCategories.Default;

        Assert.Equal(["停水"], categories.Find("小区没水了,水压低"));
        Assert.Equal(["噪音"], categories.Find("半夜打桩吵得睡不着"));
        Assert.Empty(categories.Find("今天天气很好"));
    }
}
