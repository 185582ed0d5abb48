using OpinionResponse.Domain.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>
/// Places recognised by their form (<see cref="PlaceMentions"/>) where the gazetteer has no entry: numbered schools,
/// stations, a river or lake by its bank, two sites on one road, and words before a suffix that are no name.
/// </summary>
public class PlaceFormTests
{
    private static string[] Find(string text) => PlaceMentions.Find(MatterText.Fold(text));

    private static bool Conflict(string a, string b) => PlaceMentions.Conflict(Find(a), Find(b));

    [Theory]
    [InlineData("三中门口放学时家长的车停满了人行道，学生只能走到马路中间。", "四中门口放学时家长的车停满了人行道，学生只能走到马路中间。")]
    [InlineData("火车站候车室的暖气不热，等车的人冻得直跺脚。", "高铁站候车室的暖气不热，等车的人冻得直跺脚。")]
    [InlineData("西河边上有人倒了一堆装修垃圾，河水都变色了。", "北湖边上有人倒了一堆装修垃圾，河水都变色了。")]
    [InlineData("解放路上的紫荆小区门口污水井冒水，臭气熏天。", "解放路上的丁香小区门口污水井冒水，臭气熏天。")]
    public void The_same_complaint_about_another_place_named_by_its_form_is_two_matters(string a, string b)
    {
        Assert.True(Conflict(a, b));
        Assert.False(NearDuplicateProbe.IsNearDuplicate(a, b));

        Assert.Equal(0, GroupingFixtures.Score(a, b).Score);
    }

    [Fact]
    public void A_typo_in_a_name_is_one_place_but_another_number_is_another()
    {
        Assert.False(PlaceMentions.Conflict(["n:枫桥中学"], ["n:枫乔中学"]));
        Assert.True(PlaceMentions.Conflict(["n:一中"], ["n:二中"]));
        Assert.True(PlaceMentions.Conflict(["n:3号市场"], ["n:5号市场"]));
    }

    [Fact]
    public void Words_before_a_suffix_that_are_no_name_are_not_places_and_do_not_hide_the_name_after_them()
    {
        Assert.DoesNotContain("n:要求市场", Find("来电人要求市场监管部门查处。"));
        Assert.DoesNotContain(Find("坐车到站以后，司机说要跳站。"), k => k.EndsWith("站", StringComparison.Ordinal));
        Assert.Contains("n:石桥村", Find("沿着小路到石桥村"));
        Assert.Contains("n:人民路", Find("人民路上的路灯坏了"));
        Assert.Contains("n:汽车站", Find("汽车站门口"));
        Assert.Contains("n:东门桥", Find("东门桥桥头有个坑"));
        Assert.Contains("n:三中", Find("北岸三中学生宿舍"));
        Assert.DoesNotContain(Find("咬伤小学生"), k => k.EndsWith("小学", StringComparison.Ordinal));
    }

    [Fact]
    public void At_one_place_a_problem_the_table_does_not_know_is_not_the_same_matter_as_a_known_one()
    {
        // 红枫小区 is in no gazetteer: its words once counted in the cosine as well as a shared place, lifting the pair.
        const string a = "红枫小区北门的快递驿站把包裹堆在消防通道上，消防车根本开不进来。";
        const string b = "红枫小区北门每天晚上广场舞的音响开得太大，孩子没法写作业。";
        var score = GroupingFixtures.Score(a, b);

        Assert.True(score.Score < new MatterWeights().Threshold, $"score {score.Score}");
    }
}

/// <summary>
/// Places of kinds a town's texts name often and the first form rules missed: numbered roads, estates named 府 and 公寓,
/// rivers by their bridges and banks, a village's group without its 村; and what must not be read as a place.
/// </summary>
public class MorePlaceFormTests
{
    private static string[] Find(string text) => PlaceMentions.Find(MatterText.Fold(text));

    [Theory]
    [InlineData("327国道过铁路那个涵洞又淹了", "n:327国道")]
    [InlineData("翰林府小区二次供水设备故障", "n:翰林府")]
    [InlineData("蓝湾公寓整栋楼突然没水了", "n:蓝湾公寓")]
    [InlineData("清水河大桥底下有根管子往河里淌黑水", "n:清水河")]
    [InlineData("清水河河堤上的野狗咬了人", "n:清水河")]
    [InlineData("柳湾三组的水渠堵死了", "n:柳湾村")]
    public void A_place_of_these_forms_is_found(string text, string key)
    {
        Assert.Contains(key, Find(text));
    }

    [Theory]
    [InlineData("北岸镇人民政府关于做好防汛工作的通知")]
    [InlineData("污水横流至路面，异味严重")]
    [InlineData("来电人反映多次向村组反映未果")]
    [InlineData("请求农业农村部门协调")]
    [InlineData("电镀企业夜间向园区后侧排水沟偷排废水")]
    public void Words_of_office_and_of_what_happened_are_no_place(string text)
    {
        Assert.DoesNotContain(Find(text), k => k.StartsWith("n:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_read_with_a_name_or_a_river_named_two_ways_is_still_one_place()
    {
        // Reposts run the text together without punctuation: "看看南河边" reads 看南河 where the original reads 南河.
        Assert.False(PlaceMentions.Conflict(Find("转给相关部门看看南河边上有人在焚烧秸秆"), Find("南河边上有人在焚烧秸秆")));
        Assert.False(PlaceMentions.Conflict(Find("清水河大桥下有人钓鱼"), Find("水河边上有人钓鱼")));
        Assert.True(PlaceMentions.Conflict(Find("327国道边的店面拆了"), Find("205国道边的店面拆了")));
    }

    [Fact]
    public void A_work_order_naming_a_place_by_another_form_of_a_gazetteer_place_both_name_is_one_place()
    {
        // 老街菜市场 is read as 老街市场, 老街农贸市场 as the gazetteer's 北岸农贸市场: both texts name 老街 and the market.
        const string post = "在老街菜市场买的猪肉，回家一炒全是水，那个摊子肉上连检疫章都没有";
        const string order = "来电人反映：其在老街农贸市场一猪肉摊位购买的猪肉疑似注水肉，该摊位销售的猪肉无检疫合格印章，请求市场监管部门查处。";
        var model = GroupingFixtures.Model(post, order);
        var (a, b) = (model.Extractor.Extract(1, "", post, null), model.Extractor.Extract(2, "", order, null));

        Assert.True(PlaceMentions.Conflict(a.Mentions, b.Mentions), "the mentions alone differ");
        Assert.True(MatterScorer.Score(a, b, model.Weights, new MatterWeights()).Score >= new MatterWeights().Threshold);
    }
}
