using OpinionResponse.Domain.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>
/// Places as people say them in short: a gazetteer place without its kind word or the town's name (锦绣 for 锦绣家园, 一中
/// for 北岸一中), counted only where a word that follows names a place; a place the gazetteer does not know by its first
/// two characters (桂香二期 for 桂香苑, 鑫达厂 for 鑫达纺织有限公司); and problems citizens raise that the table now knows.
/// </summary>
public class ShortNameTests
{
    private static readonly Gazetteer Town = Gazetteer.From(GroupingFixtures.Places);

    private static string[] Canonicals(string text) => [.. Town.Match(MatterText.Fold(text)).Select(m => m.Canonical)];

    private static double Score(string a, string b) => GroupingFixtures.Score(a, b).Score;

    [Fact]
    public void A_gazetteer_place_said_in_short_is_that_place_where_a_place_word_follows()
    {
        Assert.Equal(["锦绣家园"], Canonicals("锦绣7栋有人把电瓶车推进电梯"));
        Assert.Equal(["锦绣家园"], Canonicals("锦绣的物业就是个摆设"));
        Assert.Equal(["北岸中学"], Canonicals("一中门口放学那会堵得跟停车场一样"));
        Assert.Equal(["翠湖小区"], Canonicals("翠湖顶楼那户盖了个玻璃房"));
    }

    [Fact]
    public void A_short_form_that_is_an_everyday_word_or_stands_for_several_places_is_no_place()
    {
        // 阳光房 is a conservatory and 阳光 sunshine; 滨江 begins 滨江村, 滨江小区 and 滨江花园; a road's name is kept whole.
        Assert.Empty(Canonicals("顶楼那户把楼顶圈起来盖了个阳光房"));
        Assert.Empty(Canonicals("今天阳光很好"));
        Assert.Empty(Canonicals("滨江那边又停电了"));
        Assert.Empty(Canonicals("幸福那边又停电了"));
    }

    [Fact]
    public void A_work_order_naming_the_school_and_a_post_saying_it_in_short_are_one_place_not_two()
    {
        const string post = "一中门口放学那会堵得跟停车场一样，家长的车横七竖八停，学生从车缝里钻，交警也不来管一下";
        const string order = "市民来电称：北岸中学校门口每日放学时段接送车辆乱停乱放，造成道路严重拥堵，学生通行存在安全隐患，请求交警部门加强疏导。";

        Assert.True(Score(post, order) >= new MatterWeights().Threshold);
    }

    [Fact]
    public void A_place_the_gazetteer_does_not_know_is_met_by_its_first_two_characters_before_a_place_word()
    {
        Assert.Contains("桂香", PlaceMentions.Heads(MatterText.Fold("桂香二期楼道里停满了电瓶车")));
        Assert.Contains("南坪", PlaceMentions.Heads(MatterText.Fold("南坪门口放学一堆小推车卖炸串的")));
        Assert.Equal("桂香苑", PlaceMentions.SharedByHead(["n:桂香苑"], ["桂香"]));
        Assert.Null(PlaceMentions.SharedByHead(["n:桂香苑"], ["丹桂"]));
        Assert.Equal("鑫达纺织有限公司", PlaceMentions.SharedByHead(["鑫达纺织有限公司"], ["鑫达"], ""));

        const string post = "桂香又停水了？？三天两头停，这次连个通知都没有，洗衣机洗到一半没水了，物业电话打了十遍没人接";
        const string order = "诉求人表示：桂香苑小区近一个月内多次无预告停水，本次自12月2日上午起停水至今，物业服务电话无人接听，请求供水部门核实并督促恢复供水。";
        Assert.True(Score(post, order) >= new MatterWeights().Threshold);
    }

    [Theory]
    [InlineData("锦绣整个小区宽带又断了，从昨天下午到现在一点网都没有", "网络")]
    [InlineData("快递员也不打电话直接塞快递柜，超过12小时还收钱", "快递")]
    [InlineData("外卖小哥天天逆行，送餐的电驴差点把老人撞倒", "外卖")]
    [InlineData("装的那几个充电桩一半是坏的，扫码一小时两块五", "充电")]
    [InlineData("汽车站门口的网约车接了单让你取消，再线下一口价要价", "交通:营运")]
    [InlineData("那个养鸡场鸡粪堆在路边，苍蝇成群", "养殖")]
    [InlineData("菜场西门口那块铁盖子一踩就咣当响", "道路")]
    public void Problems_citizens_raise_in_their_own_words_are_known(string text, string category)
    {
        Assert.Contains(category, ProblemCategories.Default.Find(MatterText.Fold(text)));
    }

    [Fact]
    public void A_problem_both_name_in_passing_while_each_names_another_counts_half()
    {
        Assert.True(ProblemCategories.EachNamesAnother(["收费", "医疗"], ["交通:营运", "收费", "交通"]));
        Assert.False(ProblemCategories.EachNamesAnother(["摊贩", "空气"], ["摊贩", "空气", "垃圾"]));
        Assert.False(ProblemCategories.EachNamesAnother(["收费"], ["收费:物业", "收费"]));

        // A clinic's bill and the touts at its gate, both at the clinic and both saying 收费: two matters.
        const string bill = "隔壁床的阿姨出院那天在卫生院收费窗口吵起来了，医保卡刷不出来，叫她先交一万二现金，回去自己拿发票报";
        const string touts = "来电人反映：北岸镇卫生院门口长期聚集非法营运车辆，拉客揽客、乱收费，请求交通运输部门整治。";
        Assert.True(Score(bill, touts) < new MatterWeights().Threshold);
    }

    [Fact]
    public void A_road_whose_name_holds_the_town_word_before_a_direction_is_one_road()
    {
        Assert.Contains("n:环镇东路", PlaceMentions.Find(MatterText.Fold("环镇东路修路天天半夜还在干")));
        Assert.True(PlaceMentions.Conflict(PlaceMentions.Find("环镇东路夜间施工"), PlaceMentions.Find("环镇西路夜间施工")));
    }

    [Fact]
    public void A_gazetteer_village_and_another_village_named_only_by_its_form_are_two_places()
    {
        var village = new MatterFeatures
        {
            ItemId = 2, Places = [], Categories = [], People = [], Organisations = [], Numbers = [], Dates = [], Words = [],
            Mentions = ["part:3组", "n:龙潭村"],
        };

        Assert.True(PlaceMentions.OtherSite(["王家湾村"], village));
        Assert.False(PlaceMentions.OtherSite(["龙潭村"], village));
        // A road against a village may be the road through it.
        Assert.False(PlaceMentions.OtherSite(["幸福路"], village));
    }

    [Fact]
    public void An_estate_said_by_its_name_before_de_is_the_estate_a_work_order_names()
    {
        Assert.Contains("景湾", PlaceMentions.Heads(MatterText.Fold("御景湾的快递现在全部塞柜子")));
        Assert.Equal("景湾小区", PlaceMentions.SharedByHead(["n:景湾小区"], PlaceMentions.Heads(MatterText.Fold("御景湾的快递现在全部塞柜子"))));
    }
}
