using OpinionResponse.Domain.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>
/// A place said by its kind word alone (广场, 医院, 中学) where the town has one place of that kind; words before a suffix
/// that are no place (电力线路, 责令车站, 广场舞); villages named for a family (蔡家铺村); a bus line's own 公交.
/// </summary>
public class KindWordTests
{
    private static readonly Gazetteer Town = Gazetteer.From(GroupingFixtures.Places);

    private static PlaceMatch[] ByKind(string text) => [.. Town.Match(MatterText.Fold(text)).Where(m => m.ByKind)];

    private static string[] Find(string text) => PlaceMentions.Find(MatterText.Fold(text));

    private static MatterFeatures Features(string text) => GroupingFixtures.Model(text).Extractor.Extract(1, "", text, null);

    [Theory]
    [InlineData("广场边上的烧烤摊一到晚上就把桌子摆满人行道", "北岸文化广场")]
    [InlineData("住在那个广场对面真受罪", "北岸文化广场")]
    [InlineData("镇医院门口一排面包车拉客", "北岸镇卫生院")]
    [InlineData("中学门口放学堵得水泄不通", "北岸中学")]
    [InlineData("去公园散步的人都说路灯不亮", "江滨公园")]
    public void A_kind_word_stands_for_the_towns_only_place_of_that_kind(string text, string place)
    {
        Assert.Equal([place], ByKind(text).Select(m => m.Canonical));
    }

    [Theory]
    [InlineData("万达广场门口天天有人发传单")] // another square's name stands before it
    [InlineData("县医院的挂号太难了")] // the county's hospital, not the town's
    [InlineData("小学门口放学堵得水泄不通")] // the town has two primary schools
    [InlineData("好几个中学生在路口打架")] // a pupil, not the school
    [InlineData("晚上跳广场舞的音响太吵")] // a dance
    public void A_kind_word_after_a_name_or_of_a_kind_the_town_has_several_of_is_no_place(string text)
    {
        Assert.Empty(ByKind(text));
    }

    [Fact]
    public void A_post_saying_the_square_and_a_work_order_naming_it_are_one_matter()
    {
        const string post = "广场边上那几家烧烤摊一到晚上就把桌子摆满人行道，烟熏火燎的，走路都得绕到马路上";
        const string order = "市民来电称：北岸文化广场东侧人行道夜间有多家烧烤摊点占道经营，桌椅占满人行道，油烟影响市容，请求依法整治。";

        Assert.True(GroupingFixtures.Score(post, order).Score >= new MatterWeights().Threshold);
    }

    [Fact]
    public void A_kind_word_is_never_counted_as_another_place()
    {
        // The bare 广场 may be the shopping square the other text names: its place is a likelihood, so it never vetoes.
        const string post = "广场上几个音响比着放，晚上十点了还在响，吵得睡不着";
        const string other = "新天地购物广场门口几个音响比着放，晚上十点了还在响，吵得睡不着";

        var features = Features(post);
        Assert.Empty(features.Places);
        Assert.Equal(["北岸文化广场"], features.KindPlaces);
        Assert.True(GroupingFixtures.Score(post, other).Score > 0);
    }

    [Theory]
    [InlineData("发现电缆被盗，路灯线路损坏", "n:灯线路")]
    [InlineData("火点距10千伏线路约十米", "n:伏线路")]
    [InlineData("已责令车站增配保洁员一名", "n:令车站")]
    [InlineData("群众使用大功率音响跳广场舞", "n:响跳广场")]
    [InlineData("枫林苑小区2027年秋季小学招生划片调整", "n:秋季小学")]
    [InlineData("收到业主关于小学入学划片调整的反映", "n:关于小学")]
    [InlineData("施工挖断水管，造成小区停水", "n:造成小区")]
    [InlineData("我老公在那个做电路板的厂上班", "n:做电路")]
    [InlineData("东湖村湖边那片田又有人放火烧荒", "n:村湖")]
    [InlineData("来电人反映：蔡家铺村村民在田间焚烧秸秆", "n:铺村村")]
    public void Words_before_a_suffix_that_name_no_place_are_no_place(string text, string notAPlace)
    {
        Assert.DoesNotContain(notAPlace, Find(text));
    }

    [Theory]
    [InlineData("来电人反映：蔡家铺村村民在田间焚烧秸秆")]
    [InlineData("蔡家铺3组田间焚烧秸秆5处")]
    [InlineData("蔡家铺三组田间焚烧秸秆5处")]
    public void A_village_named_for_a_family_is_found_whether_or_not_its_village_word_is_written(string text)
    {
        Assert.Contains("n:蔡家铺村", Find(text));
    }

    [Fact]
    public void A_name_read_with_the_character_before_it_is_the_gazetteers_name()
    {
        var mentions = Features("环保专干日志：夜间检查老街老张烧烤，已责令停止露天烧烤").Mentions;

        Assert.Contains("n:老街", mentions);
        Assert.DoesNotContain("n:查老街", mentions);
    }

    [Fact]
    public void A_bus_lines_own_word_is_no_problem_but_what_is_said_of_it_is()
    {
        // 5路公交 names the line; the problem at its stop is the flooding, not 交通.
        Assert.DoesNotContain("交通", Features("5路公交北岸中学站候车区一下雨就积水，水到脚脖子").Categories);
        Assert.Contains("交通:公交", Features("8路公交末班车经常提前发车").Categories);
        Assert.Contains("交通", Features("公交车进站都要按喇叭，站前堵成一锅粥").Categories);
    }
}
