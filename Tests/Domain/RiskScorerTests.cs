using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>The transparent score of DESIGN §2.3: each criterion adds its points with a reason.</summary>
public class RiskScorerTests
{
    [Fact]
    public void No_items_score_General_with_no_parts()
    {
        var score = RiskScorer.Score([]);

        Assert.Equal((0, RiskLevel.General), (score.Total, score.SuggestedLevel));
        Assert.Empty(score.Parts);
    }

    [Fact]
    public void A_quiet_item_scores_General_with_no_parts()
    {
        var score = RiskScorer.Score([Item("请问", "村里什么时候通公交")]);

        Assert.Equal((0, RiskLevel.General), (score.Total, score.SuggestedLevel));
        Assert.Empty(score.Parts);
    }

    [Fact]
    public void Each_sensitive_keyword_category_adds_its_points_with_the_words_found()
    {
        var score = RiskScorer.Score([Item("化工厂爆炸", "河道出现黑水，伴有恶臭")]);

        var content = Assert.Single(score.Parts);
        Assert.Equal(("content", 20), (content.Criterion, content.Points));
        Assert.Contains("安全事故：爆炸", content.Reason);
        Assert.Contains("生态环境：恶臭、黑水", content.Reason);
    }

    [Fact]
    public void A_category_counts_once_however_many_of_its_words_appear()
    {
        var score = RiskScorer.Score([Item("停水停电", "拆迁补偿")]);

        Assert.Equal(10, Assert.Single(score.Parts).Points);
    }

    [Fact]
    public void Engagement_adds_reaction_points_with_the_engagement_count()
    {
        var item = Item("自来水", "水有点黄");
        item.SetEngagement(views: 500_000, shares: 3_000, comments: 1_500, likes: 5_000, mediaPickup: null);

        var reaction = Assert.Single(RiskScorer.Score([item]).Parts);

        Assert.Equal(("reaction", 10, "互动量 10000"), (reaction.Criterion, reaction.Points, reaction.Reason));
    }

    [Fact]
    public void Reaction_points_are_capped_at_30()
    {
        var item = Item("自来水", "水有点黄");
        item.SetEngagement(views: 0, shares: 1_000_000, comments: 0, likes: 0, mediaPickup: null);

        Assert.Equal(30, Assert.Single(RiskScorer.Score([item]).Parts).Points);
    }

    [Fact]
    public void Each_mainstream_outlet_adds_points_once()
    {
        var first = Item("自来水", "水有点黄");
        first.SetEngagement(0, 0, 0, 0, "人民网，新华网");
        var second = Item("自来水", "水有点黄");
        second.SetEngagement(0, 0, 0, 0, " 新华网 ");

        var media = Assert.Single(RiskScorer.Score([first, second]).Parts, p => p.Criterion == "media");

        Assert.Equal((20, "人民网、新华网"), (media.Points, media.Reason));
    }

    [Fact]
    public void Spread_over_channels_and_items_adds_points()
    {
        var items = new[] { Item("自来水", "水有点黄"), Item("自来水", "水有点黄"), Item("自来水", "水有点黄", Channel.Hotline) };

        var spread = Assert.Single(RiskScorer.Score(items).Parts);

        Assert.Equal(("spread", 5 + 2 * 2, "2 个渠道，3 条信息"), (spread.Criterion, spread.Points, spread.Reason));
    }

    [Fact]
    public void The_total_is_the_sum_of_the_parts()
    {
        var item = Item("化工厂爆炸", "河道污染");
        item.SetEngagement(1_000_000, 0, 0, 0, "人民网");

        var score = RiskScorer.Score([item, Item("污染", "排污", Channel.Forum)]);

        Assert.Equal(["content", "reaction", "media", "spread"], score.Parts.Select(p => p.Criterion));
        Assert.Equal(score.Parts.Sum(p => p.Points), score.Total);
        Assert.Equal(20 + 10 + 10 + 7, score.Total);
        Assert.Equal(RiskLevel.Large, score.SuggestedLevel);
    }

    [Theory]
    [InlineData(24, RiskLevel.General)]
    [InlineData(25, RiskLevel.Large)]
    [InlineData(49, RiskLevel.Large)]
    [InlineData(50, RiskLevel.Major)]
    [InlineData(79, RiskLevel.Major)]
    [InlineData(80, RiskLevel.Critical)]
    public void Thresholds_map_the_total_to_a_level(int points, RiskLevel level)
    {
        var policy = RiskScoringPolicy.Default with { Categories = [new KeywordCategory("安全事故", [new WeightedKeyword("爆炸", points)])] };

        var score = RiskScorer.Score([Item("爆炸", "")], policy);

        Assert.Equal((points, level), (score.Total, score.SuggestedLevel));
    }

    private static OpinionItem Item(string title, string content, Channel channel = Channel.Weibo) =>
        new(channel, title, content, "duty", Clock.Now);
}
