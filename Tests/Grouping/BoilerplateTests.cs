using OpinionResponse.Domain.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

public class BoilerplateTests
{
    [Fact]
    public void Folding_makes_full_width_and_case_one_and_drops_whitespace_but_keeps_punctuation()
    {
        Assert.Equal("滨江小区3栋,abc停水!", MatterText.Fold("滨江小区３栋，ＡＢＣ 停水！"));
    }

    [Theory]
    [InlineData("尊敬的镇领导您好，我是北岸镇居民，滨江小区停水了。望有关部门尽快解决，谢谢！")]
    [InlineData("来电人反映：滨江小区停水了。")]
    [InlineData("尊敬的镇长：您好！我是北岸镇的一名普通群众，滨江小区停水了。恳请镇政府重视并尽快处理，盼回复。")]
    public void Letter_openings_and_closings_are_not_content(string letter)
    {
        var stripped = Boilerplate.PatternsOnly.Strip(MatterText.Fold(letter));

        Assert.Contains("滨江小区停水了", stripped);
        Assert.DoesNotContain("尊敬", stripped);
        Assert.DoesNotContain("居民", stripped);
        Assert.DoesNotContain("来电", stripped);
        Assert.DoesNotContain("解决", stripped);
        Assert.DoesNotContain("回复", stripped);
    }

    [Fact]
    public void Notice_template_phrases_are_not_content()
    {
        var notice = "关于石桥村停电的通知。各位村民：因线路改造，定于6月15日石桥村停电。给您带来的不便，敬请谅解。特此通知。北岸镇人民政府2026年6月13日";

        var stripped = Boilerplate.PatternsOnly.Strip(MatterText.Fold(notice));

        Assert.Contains("石桥村停电", stripped);
        Assert.DoesNotContain("特此通知", stripped);
        Assert.DoesNotContain("谅解", stripped);
        Assert.DoesNotContain("2026年6月13日", stripped);
    }

    [Fact]
    public void A_clause_that_many_items_repeat_is_learned_as_boilerplate_and_a_rare_one_is_not()
    {
        var texts = Enumerable.Range(0, 30).Select(i => MatterText.Fold($"本帖由北岸论坛手机客户端发布。第{i}号楼门口的问题{i}"))
            .Append(MatterText.Fold("滨江小区停水三天了。本帖由北岸论坛手机客户端发布"));

        var learned = Boilerplate.Learn(texts, minDocuments: 5, minFraction: 0.1);
        var stripped = learned.Strip(MatterText.Fold("滨江小区停水三天了。本帖由北岸论坛手机客户端发布。"));

        Assert.Contains("本帖由北岸论坛手机客户端发布", learned.Learned);
        Assert.DoesNotContain("滨江小区停水三天了", learned.Learned);
        Assert.Equal("滨江小区停水三天了", stripped);
    }
}
