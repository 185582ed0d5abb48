using OpinionResponse.Domain.Similarity;
using Xunit;

namespace OpinionResponse.Tests.Similarity;

public class SimHashTests
{
    private const string Post = "滨江小区从昨天早上开始停水，到现在快三十个小时了，物业只说是管道爆了在抢修，也不说什么时候来水。";

    [Fact]
    public void The_same_text_gives_the_same_fingerprint_and_distance_zero()
    {
        Assert.Equal(SimHash.Compute(Post), SimHash.Compute(Post));
        Assert.Equal(0, SimHash.Distance(SimHash.Compute(Post), SimHash.Compute(Post)));
    }

    [Fact]
    public void Edits_that_normalise_away_keep_the_fingerprint()
    {
        var copy = "转发微博//@北岸小灵通:" + Post.Replace("，", ",").Replace("。", "!!!") + "😡[怒]";

        Assert.Equal(SimHash.Compute(Post), SimHash.Compute(copy));
    }

    [Fact]
    public void A_typo_moves_the_fingerprint_a_little_and_another_text_a_lot()
    {
        var typo = SimHash.Compute(Post.Replace("管道", "管到"));
        var other = SimHash.Compute("北岸农贸市场外面的人行道全被卖菜的小摊占了，早上七八点连走路的地方都没有，三轮车还逆行乱窜。");

        Assert.InRange(SimHash.Distance(SimHash.Compute(Post), typo), 1, 12);
        Assert.True(SimHash.Distance(SimHash.Compute(Post), other) > 16);
    }

    [Fact]
    public void Distance_is_the_number_of_differing_bits_and_is_symmetric()
    {
        Assert.Equal(0, SimHash.Distance(0xF0F0UL, 0xF0F0UL));
        Assert.Equal(64, SimHash.Distance(0UL, ulong.MaxValue));
        Assert.Equal(3, SimHash.Distance(0b1011UL, 0UL));
        Assert.Equal(SimHash.Distance(12345UL, 999UL), SimHash.Distance(999UL, 12345UL));
    }

    [Fact]
    public void An_empty_text_has_no_fingerprint_and_a_real_text_never_gets_zero()
    {
        Assert.Equal(0UL, SimHash.Compute("！！！"));
        Assert.NotEqual(0UL, SimHash.Compute("停"));
    }

    [Fact]
    public void Anchors_are_shared_by_an_excerpt_and_the_post_under_a_comment()
    {
        var post = TextFingerprint.Of(Post);
        var excerpt = TextFingerprint.Of(Post[10..40]);
        var commented = TextFingerprint.Of("这个问题反映好多次了，一直没人管，希望这次能有个说法。" + Post);

        Assert.True(NearDuplicateRules.ShareAnchor(post.Anchors, excerpt.Anchors));
        Assert.True(NearDuplicateRules.ShareAnchor(post.Anchors, commented.Anchors));
        Assert.True(NearDuplicateRules.Default.Compare(post, excerpt).IsDuplicate);
        Assert.True(NearDuplicateRules.Default.Compare(commented, post).IsDuplicate);
    }

    [Fact]
    public void Boilerplate_openings_and_closings_are_left_out_of_the_containment()
    {
        var a = TextFingerprint.Of("尊敬的镇领导您好，我是北岸镇居民，阳光花园小区中心广场每天晚上跳广场舞，音箱开得特别大。望有关部门尽快解决，谢谢！");
        var b = TextFingerprint.Of("尊敬的镇领导您好，我是北岸镇居民，新港村合作社的船工一年没拿到工资。望有关部门尽快解决，谢谢！");

        Assert.Equal("阳光花园小区中心广场每天晚上跳广场舞音箱开得特别大", a.Content);
        Assert.False(NearDuplicateRules.Default.Compare(a, b).IsDuplicate);
        Assert.True(NearDuplicateRules.Default.Compare(a, TextFingerprint.Of("转发微博//@北岸同城:" + "阳光花园小区中心广场每天晚上跳广场舞，音箱开得特别大")).IsDuplicate);
    }

    [Fact]
    public void A_shared_template_opening_alone_is_not_a_near_duplicate()
    {
        var a = TextFingerprint.Of("尊敬的镇领导您好，我是北岸镇居民，住在滨江小区。我们小区这周已经停水三次了，每次都是半夜突然停，打物业电话一直占线。");
        var b = TextFingerprint.Of("尊敬的镇领导您好，我是北岸镇居民。北岸幼儿园孩子请病假在家一个月，伙食费一分也不退，园方说是规定，请问这样的规定合理吗？");

        var match = NearDuplicateRules.Default.Compare(a, b);

        Assert.False(match.IsDuplicate);
        Assert.True(match.Containment < 0.5);
    }
}
