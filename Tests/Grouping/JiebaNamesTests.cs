using OpinionResponse.Infrastructure.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>jieba cuts with its dictionary only; people's names it cuts apart are joined again.</summary>
public class JiebaNamesTests
{
    [Theory]
    [InlineData("村民李秀梅说物业不管", "李秀梅")]
    [InlineData("赵志强反映工资被拖欠", "赵志强")]
    [InlineData("刘海燕老师带学生去江滨公园", "刘海燕")]
    [InlineData("来电人王丽华称噪音扰民", "王丽华")]
    [InlineData("孙晓雯和周子豪在菜场吵架", "孙晓雯")]
    [InlineData("孙晓雯和周子豪在菜场吵架", "周子豪")]
    public void A_name_cut_apart_by_the_dictionary_is_one_person(string text, string name)
    {
        var tokens = GroupingFixtures.Segmenter.Cut(text);

        Assert.Contains(tokens, t => t.Word == name && t.Tag == "nr");
    }

    [Theory]
    [InlineData("老王说这事没人管", "王说")]
    [InlineData("张贴的通知被撕了", "张贴的")]
    [InlineData("周边道路积水严重", "周边道")]
    public void A_surname_character_before_a_verb_or_a_word_is_no_name(string text, string notAName)
    {
        var tokens = GroupingFixtures.Segmenter.Cut(text);

        Assert.DoesNotContain(tokens, t => t.Word.StartsWith(notAName, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(tokens.Select(t => t.Word)));
    }
}
