using OpinionResponse.App.Features.Reports.Performance;
using Xunit;

namespace OpinionResponse.Tests.Features.Reports;

/// <summary>An officer's sentence placed inside a report template's sentence keeps one closing mark, the template's.</summary>
public class ReportTextTests
{
    [Theory]
    [InlineData("道路积水。", "道路积水")]
    [InlineData("封路；", "封路")]
    [InlineData("  可能引发聚集。 ", "可能引发聚集")]
    [InlineData("Road closed.", "Road closed")]
    [InlineData("无", "无")]
    [InlineData(null, "")]
    public void A_clause_loses_its_own_closing_mark(string? typed, string expected)
    {
        Assert.Equal(expected, ReportText.Clause(typed));
        Assert.DoesNotContain("。。", string.Format("主要风险：{0}。", ReportText.Clause(typed)), StringComparison.Ordinal);
    }
}
