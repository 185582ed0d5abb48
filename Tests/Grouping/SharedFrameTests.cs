using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>
/// Texts that share a frame (a reply template, a notice, a platform's wrapper) or differ only in the place are two
/// matters; copies, excerpts and forwards of one text stay one.
/// </summary>
public class SharedFrameTests
{
    // A reply letter in the town's style (its sentences are in no frame list: the pair's shared ends are what is found).
    private const string Reply = "尊敬的网民朋友：您好！您反映的事项我办已转交承办部门，经实地走访，现将办理结果反馈如下：{0}本次办理结果如有异议，可在七日内申请复核，咨询电话62889001。北岸镇政务服务中心";

    [Theory]
    [InlineData("红星小区3号楼化粪池满溢，污水流到单元门口。", "春晖小区5号楼化粪池满溢，污水流到单元门口。")]
    [InlineData("育才中学门口放学时交通拥堵，家长车辆乱停。", "向阳中学门口放学时交通拥堵，家长车辆乱停。")]
    [InlineData("8路公交车早班经常跳站不停，乘客只能干等。", "12路公交车早班经常跳站不停，乘客只能干等。")]
    [InlineData("和平路7号楼下的下水道堵了，污水漫到路上。", "和平路23号楼下的下水道堵了，污水漫到路上。")]
    public void The_same_sentence_about_another_place_is_not_a_near_duplicate(string a, string b)
    {
        Assert.False(NearDuplicateProbe.IsNearDuplicate(a, b));
        Assert.True(PlaceMentions.Conflict(PlaceMentions.Find(MatterText.Fold(a)), PlaceMentions.Find(MatterText.Fold(b))));
    }

    [Fact]
    public void Places_are_found_by_their_form_and_written_numbers_are_read()
    {
        var found = PlaceMentions.Find(MatterText.Fold("我们红星小区十二栋楼下，育才路口往东，8路公交站旁边"));

        Assert.Contains("n:红星小区", found);
        Assert.Contains("n:育才路", found);
        Assert.Contains("part:12栋", found);
        Assert.Contains("bus:8", found);
        Assert.DoesNotContain(found, k => k.Contains("们红", StringComparison.Ordinal));
    }

    [Fact]
    public void A_typo_in_a_place_name_is_no_second_place()
    {
        Assert.False(PlaceMentions.Conflict(["n:农贸市场"], ["n:岸贸市场"]));
        Assert.True(PlaceMentions.Conflict(["n:育才中学"], ["n:向阳中学"]));
    }

    [Fact]
    public void Two_replies_in_one_template_are_not_near_duplicates_but_a_wrapped_copy_is()
    {
        var a = string.Format(Reply, "经查，红星小区化粪池已由物业公司委托专业队伍完成清掏，单元门口污水已清理消毒。");
        var b = string.Format(Reply, "经核实，和平路与育才路路口信号灯系线路老化所致，交警中队已完成抢修。");

        Assert.False(NearDuplicateProbe.IsNearDuplicate(a, b));
        Assert.True(SharedFrame.DifferentMattersInOneFrame(TextFingerprint.Of(a).Content, TextFingerprint.Of(b).Content));
        Assert.True(NearDuplicateProbe.IsNearDuplicate(a, a.Replace("红星小区", "红星小区的", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_excerpt_under_a_comment_keeps_its_link()
    {
        const string post = "工业园区的搅拌站每天晚上运混凝土的罐车排着长队，车身上的泥点甩得满路都是，路面白天晚上都是灰，请督促搅拌站清洗车辆。";
        var excerpt = post[..40] + "...展开全文——网友评论：我就住在附近，说的都是真的，每天都这样。";

        Assert.True(NearDuplicateProbe.IsNearDuplicate(post, excerpt));
    }

    [Fact]
    public void A_platform_wrapper_is_read_for_its_content_field_only()
    {
        var wrapped = KnownFrames.Default.Strip(MatterText.Fold("【某某问政平台】留言对象：镇政府 留言类型：投诉 留言内容：复兴村机耕路被大车压坏了。 办理状态：已受理"));

        Assert.Equal("复兴村机耕路被大车压坏了。", wrapped.Trim('。') + "。");
    }

    [Fact]
    public void A_work_order_that_names_the_place_only_in_its_address_field_keeps_that_place()
    {
        const string order = "工单编号：GD20261205001 事发地址：北岸镇复兴村三组 诉求内容：来电人反映机耕路被拉土大车压坏，农机无法下田。 办理时限：3个工作日";
        const string post = "复兴村三组的机耕路让拉土的大车压烂了，拖拉机都下不了地";
        var stripped = KnownFrames.Default.Strip(MatterText.Fold(order));
        var score = GroupingFixtures.Score(order, post);

        Assert.Contains("复兴村三组", stripped, StringComparison.Ordinal);
        Assert.DoesNotContain("GD20261205001", stripped, StringComparison.Ordinal);
        Assert.DoesNotContain("3个工作日", stripped, StringComparison.Ordinal);
        Assert.Contains(score.Reasons, r => r.Kind == ReasonKinds.Place);
    }

    [Fact]
    public void A_record_with_an_address_field_but_no_content_field_is_read_whole()
    {
        var stripped = KnownFrames.Default.Strip(MatterText.Fold("事发地址：复兴村三组 工单类型：投诉 机耕路被大车压坏了"));

        Assert.Contains("复兴村三组", stripped, StringComparison.Ordinal);
        Assert.Contains("机耕路被大车压坏了", stripped, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_messages_in_one_platform_wrapper_are_not_the_same_matter()
    {
        const string frame = "【某某问政平台】留言对象：北岸镇人民政府 留言类型：投诉 留言领域：城乡建设 留言内容：{0} 办理状态：办理中";
        var a = string.Format(frame, "复兴村机耕路被拉土的大车压坏，拖拉机下不了地。");
        var b = string.Format(frame, "长青敬老院冬天没有供暖，老人晚上冻得睡不着。");
        var score = GroupingFixtures.Score(a, b);

        Assert.False(NearDuplicateProbe.IsNearDuplicate(a, b));
        Assert.True(score.Score < new MatterWeights().Threshold, $"score {score.Score}");
    }

    // Both texts end "要求市场监管部门查处": 要求市场 was read as a place (a name before 市场) that the two shared, and a
    // shared name cancelled the conflict of the two schools.
    [Fact]
    public void A_place_the_gazetteer_does_not_know_is_a_shared_place_and_another_such_place_vetoes()
    {
        const string post = "育才中学门口每天放学都有流动摊卖辣条和烤肠，好多学生吃完拉肚子，家长很担心。";
        const string note = "群众来电：育才中学校门口流动摊贩售卖无证食品，有学生食用后腹泻，要求市场监管部门查处。";
        const string other = "向阳中学校门口流动摊贩售卖无证食品，有学生食用后腹泻，要求市场监管部门查处。";
        var model = GroupingFixtures.Model(post, note, other);
        var (p, n, o) = (model.Extractor.Extract(1, "", post, null), model.Extractor.Extract(2, "", note, null), model.Extractor.Extract(3, "", other, null));

        var same = MatterScorer.Score(p, n, model.Weights, new MatterWeights());

        Assert.Contains(new MatterReason(ReasonKinds.Place, "育才中学"), same.Reasons);
        Assert.Equal(0, MatterScorer.Score(n, o, model.Weights, new MatterWeights()).Score);
    }

    [Fact]
    public void A_frame_with_numbered_and_dated_fields_is_still_a_frame()
    {
        // A grid worker's log: its number, date and officer differ from record to record, the rest is the form.
        const string log = "网格巡查登记 第{0}号 巡查日期{1} 巡查员{2} 发现情况：{3} 处置意见：已当场劝导，拍照留存，报社区网格中心跟踪，三日内复查整改情况并回访群众。";
        var a = string.Format(log, "0347", "11月5日", "王磊", "复兴村机耕路被大车压坏。");
        var b = string.Format(log, "0412", "11月19日", "李娜", "长青敬老院冬天没有暖气。");

        Assert.False(NearDuplicateProbe.IsNearDuplicate(a, b));
        Assert.True(NearDuplicateProbe.IsNearDuplicate(a, string.Format(log, "0347", "11月5日", "王磊", "复兴村机耕路被大车压坏了。")));
    }
}
