using OpinionResponse.Domain.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

public class MatterScoreTests
{
    private const string Post = "#北岸镇# 滨江小区从前天晚上十点停水到现在，一千多户没水用，物业说是市政管子爆了，什么时候来水没人知道！";
    private const string Hotline = "来电人反映：其居住的滨江小区自前晚22时起全小区没水，询问恢复供水时间，要求镇里督促自来水公司尽快抢修。";
    private const string SamePlaceOtherMatter = "滨江小区5栋电梯又坏了，今天早上困了三个人在里面半个小时，物业维修电话一直打不通。";
    private const string SameProblemOtherPlace = "阳光花园今天早上起来又没水了，也没提前通知，上班前脸都没法洗。";

    private static readonly MatterWeights Weights = new();

    private static (MatterFeatures A, MatterFeatures B, WordWeights Idf) Features(string a, string b, DateTime? atA = null, DateTime? atB = null)
    {
        var model = GroupingFixtures.Model(Post, Hotline, SamePlaceOtherMatter, SameProblemOtherPlace);
        return (model.Extractor.Extract(1, string.Empty, a, atA), model.Extractor.Extract(2, string.Empty, b, atB), model.Weights);
    }

    [Fact]
    public void A_hotline_note_about_the_post_scores_above_the_threshold_with_place_and_problem_as_reasons()
    {
        var (a, b, idf) = Features(Hotline, Post);

        var score = MatterScorer.Score(a, b, idf, Weights);

        Assert.True(score.Score >= Weights.Threshold, $"score {score.Score}");
        Assert.Contains(new MatterReason(ReasonKinds.Place, "滨江小区"), score.Reasons);
        Assert.Contains(new MatterReason(ReasonKinds.Problem, "停水"), score.Reasons);
    }

    [Fact]
    public void The_same_place_with_another_problem_stays_below_the_threshold()
    {
        var (a, b, idf) = Features(Post, SamePlaceOtherMatter);

        Assert.True(MatterScorer.Score(a, b, idf, Weights).Score < Weights.Threshold);
    }

    [Fact]
    public void The_same_problem_at_another_place_stays_below_the_threshold()
    {
        var (a, b, idf) = Features(Post, SameProblemOtherPlace);

        Assert.True(MatterScorer.Score(a, b, idf, Weights).Score < Weights.Threshold);
    }

    [Fact]
    public void Close_in_time_is_a_reason_and_weeks_apart_fall_below_the_threshold()
    {
        var now = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        var (a, b, idf) = Features(Hotline, Post, now, now.AddHours(-5));
        var (c, d, _) = Features(Hotline, Post, now, now.AddDays(-21));

        var close = MatterScorer.Score(a, b, idf, Weights);
        var far = MatterScorer.Score(c, d, idf, Weights);

        Assert.Contains(close.Reasons, r => r.Kind == ReasonKinds.Time);
        Assert.True(close.Score >= Weights.Threshold);
        Assert.DoesNotContain(far.Reasons, r => r.Kind == ReasonKinds.Time);
        Assert.True(far.Score < Weights.Threshold, $"score {far.Score}");
    }

    [Fact]
    public void A_shared_letter_opening_adds_nothing()
    {
        const string opening = "尊敬的镇领导您好，我是北岸镇居民，";
        var (a, b, idf) = Features(opening + SamePlaceOtherMatter + "望有关部门尽快解决，谢谢！", opening + SameProblemOtherPlace + "望有关部门尽快解决，谢谢！");
        var (c, d, _) = Features(SamePlaceOtherMatter, SameProblemOtherPlace);

        Assert.Equal(MatterScorer.Score(c, d, idf, Weights).Score, MatterScorer.Score(a, b, idf, Weights).Score, 3);
    }

    [Fact]
    public void People_organisations_and_numbers_named_in_both_are_reasons()
    {
        var (a, b, idf) = Features(
            "北岸工业园宏达鞋厂拖欠我们三十多个工人半年工资，张建国老板说没钱。",
            "来电人反映：其与30余名工友在北岸工业园宏达鞋厂务工，被拖欠工资半年，张建国避而不见。");

        var score = MatterScorer.Score(a, b, idf, Weights);

        Assert.Contains(score.Reasons, r => r.Kind == ReasonKinds.Person && r.Value == "张建国");
        Assert.Contains(score.Reasons, r => r.Kind == ReasonKinds.Place && r.Value == "北岸工业园");
        Assert.True(score.Score >= Weights.Threshold);
    }
}
