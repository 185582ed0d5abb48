using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class CompleteAssessmentTests
{
    private static readonly RiskScore QuietScore = RiskScorer.Score([new OpinionItem(Channel.Forum, "询问", "请问村里何时通水", "duty", Clock.Now)]);

    [Theory]
    [InlineData("", "可能引发聚集")]
    [InlineData("群众对饮用水质量的集中投诉", "  ")]
    public void Nature_and_risks_are_required(string nature, string risks)
    {
        var @case = new CaseBuilder().In(CaseState.Assessing);

        var refusal = Assert.Throws<DomainException>(() => Complete(@case, nature, risks, QuietScore.SuggestedLevel, null));

        Assert.Equal(DomainErrors.AssessmentIncomplete, refusal.Code);
        Assert.Equal(CaseState.Assessing, @case.State);
        Assert.Null(@case.Assessment);
    }

    [Fact]
    public void Overriding_the_computed_level_needs_a_justification()
    {
        var @case = new CaseBuilder().In(CaseState.Assessing);

        var refusal = Assert.Throws<DomainException>(() => Complete(@case, "集中投诉", "可能引发聚集", RiskLevel.Major, "  "));

        Assert.Equal(DomainErrors.OverrideNeedsJustification, refusal.Code);
        Assert.Equal(CaseState.Assessing, @case.State);
    }

    [Fact]
    public void An_override_with_a_justification_is_kept_next_to_the_computed_level()
    {
        var @case = new CaseBuilder().In(CaseState.Assessing);

        Complete(@case, "集中投诉", "可能引发聚集", RiskLevel.Major, " 涉及全村饮水安全 ");

        Assert.Equal(CaseState.Reporting, @case.State);
        Assert.Equal(RiskLevel.Major, @case.RiskLevel);
        Assert.True(@case.IsMajor);
        var assessment = @case.Assessment!;
        Assert.Equal((RiskLevel.Major, QuietScore.SuggestedLevel, QuietScore.Total), (assessment.Level, assessment.ComputedLevel, assessment.Score));
        Assert.Equal("涉及全村饮水安全", assessment.OverrideJustification);
    }

    [Fact]
    public void Confirming_the_computed_level_needs_no_justification()
    {
        var @case = new CaseBuilder().In(CaseState.Assessing);

        Complete(@case, "集中投诉", "可能引发聚集", QuietScore.SuggestedLevel, null);

        Assert.Equal(CaseState.Reporting, @case.State);
        Assert.Equal(RiskLevel.General, @case.RiskLevel);
        Assert.True(@case.ResponseNeeded);
        Assert.Null(@case.Assessment!.OverrideJustification);
    }

    private static void Complete(Case @case, string nature, string risks, RiskLevel level, string? justification) =>
        @case.CompleteAssessment(Actors.Analyst, Clock.Now, nature, OpinionTrend.Rising, risks, level, QuietScore, justification, true,
            MatterKind.DirectInterest);
}
