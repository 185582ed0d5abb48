using OpinionResponse.Domain.Similarity;
using Xunit;

namespace OpinionResponse.Tests.Similarity;

public class NormalisationTests
{
    [Theory]
    [InlineData("ＫＴＶ营业到凌晨３点！", "ktv营业到凌晨3点")]
    [InlineData("KTV营业到凌晨3点!", "ktv营业到凌晨3点")]
    [InlineData("滨江小区，停水。 三天了？？？", "滨江小区停水三天了")]
    [InlineData("停水😡😭三天了🙏", "停水三天了")]
    [InlineData("停水[怒]三天了[doge]", "停水三天了")]
    [InlineData("“自愿补课”（每人1200元）", "自愿补课每人1200元")]
    public void Width_case_punctuation_emoji_and_whitespace_fold_away(string text, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(text));

    [Theory]
    [InlineData("转发微博//@北岸小灵通:滨江小区停水", "滨江小区停水")]
    [InlineData("扩散//@北岸小灵通://@江边的风: 滨江小区停水", "扩散滨江小区停水")]
    [InlineData("【转】滨江小区停水", "滨江小区停水")]
    [InlineData("转：滨江小区停水", "滨江小区停水")]
    [InlineData("#北岸镇# 转 @北岸同城：滨江小区停水", "转滨江小区停水")]
    [InlineData("滨江小区停水 详见 https://weibo.example/123?x=1 ", "滨江小区停水详见")]
    public void Repost_markers_mentions_topics_and_urls_are_removed(string text, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(text));

    [Fact]
    public void A_name_run_into_the_text_is_not_taken_for_a_mention()
    {
        // No terminator after the name: removing 20 characters of text would be worse than keeping a name.
        Assert.Equal("联系张三反映滨江小区停水问题", TextNormaliser.Normalise("联系@张三反映滨江小区停水问题"));
    }

    [Fact]
    public void Empty_and_symbol_only_texts_normalise_to_nothing()
    {
        Assert.Equal(string.Empty, TextNormaliser.Normalise(null));
        Assert.Equal(string.Empty, TextNormaliser.Normalise("  ！！😡 ~~ "));
    }
}
