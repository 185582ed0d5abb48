using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>The scoring policy as data: every component and threshold comes from the policy, and a bad policy is refused.</summary>
public class ScoringPolicyTests
{
    private static readonly RiskScoringPolicy Policy = RiskScoringPolicy.Default;

    [Fact]
    public void A_category_counts_at_the_weight_of_its_gravest_word_found()
    {
        var policy = Policy with { Categories = [new KeywordCategory("民生", [new("停水", 12), new("拆迁", 30), new("学校", 50)])] };

        var content = Assert.Single(RiskScorer.Score([Item("停水", "拆迁补偿")], policy).Parts);

        Assert.Equal(("content", 30, "民生：停水、拆迁"), (content.Criterion, content.Points, content.Reason));
    }

    [Fact]
    public void Reaction_media_and_spread_follow_the_policy_weights_and_caps()
    {
        var policy = Policy with
        {
            EngagementForTenPoints = 1_000, ReactionCap = 15, PointsPerMainstreamOutlet = 3, MediaCap = 100,
            PointsPerExtraChannel = 7, PointsPerExtraItem = 1, SpreadCap = 100,
        };
        var first = Item("自来水", "水有点黄");
        first.SetEngagement(views: 0, shares: 5_000, comments: 0, likes: 0, mediaPickup: "新华网、人民网");
        var second = Item("自来水", "水有点黄", Channel.Forum);

        var parts = RiskScorer.Score([first, second], policy).Parts.ToDictionary(p => p.Criterion, p => p.Points);

        Assert.Equal(15, parts["reaction"]);
        Assert.Equal(6, parts["media"]);
        Assert.Equal(7 + 1, parts["spread"]);
    }

    [Fact]
    public void Growth_since_the_first_observation_adds_points()
    {
        var item = Item("自来水", "水有点黄");
        item.SetEngagement(views: 0, shares: 6_000, comments: 0, likes: 0, mediaPickup: null);
        var policy = Policy with { GrowthForTenPoints = 2_000, GrowthCap = 40 };

        var score = RiskScorer.Score([item], policy, new Dictionary<int, long> { [item.Id] = 1_000 });

        var growth = Assert.Single(score.Parts, p => p.Criterion == "growth");
        Assert.Equal((25, "互动量 1000 → 6000"), (growth.Points, growth.Reason));
    }

    [Fact]
    public void An_item_seen_once_adds_no_growth()
    {
        var item = Item("自来水", "水有点黄");
        item.SetEngagement(views: 0, shares: 6_000, comments: 0, likes: 0, mediaPickup: null);

        Assert.DoesNotContain(RiskScorer.Score([item], Policy, new Dictionary<int, long>()).Parts, p => p.Criterion == "growth");
    }

    [Fact]
    public void The_score_names_the_policy_version()
    {
        Assert.Equal(7, RiskScorer.Score([Item("爆炸", "")], Policy with { Version = 7 }).PolicyVersion);
    }

    [Fact]
    public void The_built_in_policy_is_valid_and_survives_a_round_trip()
    {
        Assert.Empty(Policy.Problems());
        Assert.Equal(Policy.ToJson(), RiskScoringPolicy.FromJson(Policy.ToJson(), 1).ToJson());
    }

    public static TheoryData<string, RiskScoringPolicy> BadPolicies => new()
    {
        { "negative weight", Policy with { Categories = [new KeywordCategory("安全事故", [new("爆炸", -5)])] } },
        { "absurd weight", Policy with { Categories = [new KeywordCategory("安全事故", [new("爆炸", 100_000)])] } },
        { "empty category", Policy with { Categories = [.. Policy.Categories, new KeywordCategory("干部作风", [])] } },
        { "duplicate keyword", Policy with { Categories = [.. Policy.Categories, new KeywordCategory("干部作风", [new("打人", 10)])] } },
        { "thresholds out of order", Policy with { LargeFrom = 60, MajorFrom = 50 } },
        { "negative outlet points", Policy with { PointsPerMainstreamOutlet = -1 } },
        { "no categories", Policy with { Categories = [] } },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void A_bad_policy_cannot_become_a_version(string why, RiskScoringPolicy policy)
    {
        Assert.NotEmpty(policy.Problems());
        var refused = Assert.Throws<DomainException>(() => ScoringPolicyVersion.Create(2, policy, Actors.Member("admin", "管理员", Role.Admin), Clock.Now));
        Assert.True(refused.Code == ScoringErrors.Refused, why);
    }

    [Fact]
    public void The_engagement_curve_sums_each_items_latest_counts_over_time()
    {
        var a = Item("a", "", id: 1, collectedAt: Clock.Now);
        a.SetEngagement(views: 0, shares: 100, comments: 0, likes: 0, mediaPickup: null);
        var b = Item("b", "", id: 2, collectedAt: Clock.Now.AddHours(1));
        b.SetEngagement(views: 0, shares: 900, comments: 0, likes: 0, mediaPickup: null);
        var observations = new List<EngagementObservation>
        {
            new(1, Clock.Now, 0, 100, 0, 0),
            new(1, Clock.Now.AddHours(2), 0, 400, 0, 0),
            new(1, Clock.Now.AddHours(3), 0, 700, 0, 0),
        };

        var curve = EngagementCurve.Of([a, b], observations);

        Assert.Equal(
            [(Clock.Now, 100L), (Clock.Now.AddHours(1), 1_000L), (Clock.Now.AddHours(2), 1_300L), (Clock.Now.AddHours(3), 1_600L)],
            curve.Select(p => (p.At, p.Engagement)));
    }

    private static OpinionItem Item(string title, string content, Channel channel = Channel.Weibo, int id = 0, DateTime? collectedAt = null)
    {
        var item = new OpinionItem(channel, title, content, "duty", collectedAt ?? Clock.Now);
        typeof(OpinionItem).GetProperty(nameof(OpinionItem.Id))!.SetValue(item, id);
        return item;
    }
}
