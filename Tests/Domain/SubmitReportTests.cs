using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class SubmitReportTests
{
    [Fact]
    public void A_report_must_be_recorded_before_submitting()
    {
        var @case = new CaseBuilder().WithoutReport().In(CaseState.Reporting);

        var refusal = Assert.Throws<DomainException>(() => @case.SubmitReport(Actors.Analyst, Clock.Now));

        Assert.Equal(DomainErrors.ReportMissing, refusal.Code);
        Assert.Equal(CaseState.Reporting, @case.State);
        Assert.DoesNotContain(CaseTrigger.SubmitReport, @case.AvailableTriggers(Actors.Analyst));
    }

    [Fact]
    public void A_general_case_is_submitted_with_a_report_to_its_own_level()
    {
        var @case = new CaseBuilder().WithoutReport().In(CaseState.Reporting);

        Record(@case, ReportLevel.OwnLevel);
        @case.SubmitReport(Actors.Analyst, Clock.Now);

        Assert.Equal(CaseState.PlanDrafting, @case.State);
    }

    [Theory]
    [InlineData(RiskLevel.Major)]
    [InlineData(RiskLevel.Critical)]
    public void Major_cases_must_be_reported_to_the_higher_level(RiskLevel level)
    {
        var @case = new CaseBuilder().WithLevel(level).WithoutReport().In(CaseState.Reporting);
        Record(@case, ReportLevel.OwnLevel);

        var refusal = Assert.Throws<DomainException>(() => @case.SubmitReport(Actors.Analyst, Clock.Now));
        Assert.Equal(DomainErrors.HigherLevelReportMissing, refusal.Code);

        Record(@case, ReportLevel.HigherLevel);
        @case.SubmitReport(Actors.Analyst, Clock.Now);
        Assert.Equal(CaseState.PlanDrafting, @case.State);
    }

    /// <summary>DESIGN §2.1: a report record has recipients, channel, time and content.</summary>
    [Theory]
    [InlineData(" ", "电话", "已安排核查")]
    [InlineData("县委网信办", " ", "已安排核查")]
    [InlineData("县委网信办", "电话", "")]
    public void A_report_records_recipients_channel_and_content(string recipients, string channel, string content)
    {
        var @case = new CaseBuilder().WithoutReport().In(CaseState.Reporting);

        var refusal = Assert.Throws<DomainException>(() =>
            @case.RecordReport(Actors.Analyst, Clock.Now, ReportLevel.OwnLevel, recipients, channel, Clock.Now, content));

        Assert.Equal(DomainErrors.ReportMissing, refusal.Code);
        Assert.Empty(@case.Reports);
    }

    private static void Record(Case @case, ReportLevel level) =>
        @case.RecordReport(Actors.Analyst, Clock.Now, level, "县委网信办", "电话", Clock.Now, "某村自来水发黑，已安排核查");
}
