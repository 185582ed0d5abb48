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

        var model = GroupingFixtures.Model(a, b);
        Assert.Equal(0, MatterScorer.Score(model.Extractor.Extract(1, "", a, null), model.Extractor.Extract(2, "", b, null), model.Weights, new MatterWeights()).Score);
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
        var model = GroupingFixtures.Model(a, b);

        var score = MatterScorer.Score(model.Extractor.Extract(1, "", a, null), model.Extractor.Extract(2, "", b, null), model.Weights, new MatterWeights());

        Assert.True(score.Score < new MatterWeights().Threshold, $"score {score.Score}");
    }
}
