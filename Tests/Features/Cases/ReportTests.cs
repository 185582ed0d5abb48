using OpinionResponse.App.Features.Cases.Reports;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Cases;

[Collection(AssessmentAndPlanDesk.Name)]
public class RecordReportTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private static RecordReport.Command Report(int id, ReportLevel level = ReportLevel.HigherLevel, DateTime? sentAt = null) => new()
    {
        CaseId = id,
        Level = level,
        Recipients = "区委网信办",
        Channel = "机要传真",
        SentAt = sentAt ?? DateTime.UtcNow.AddMinutes(-30),
        Content = "滨江村自来水发黑情况报告",
    };

    [Fact]
    public async Task An_analyst_records_a_report_to_the_higher_level()
    {
        var id = await desk.NewCase().WithoutReport().InAsync(CaseState.Reporting);
        var sentAt = DateTime.UtcNow.AddMinutes(-30);

        await desk.SendAsync(DemoAccounts.Analyst, Report(id, sentAt: sentAt));

        var @case = await desk.CaseAsync(id);
        var report = Assert.Single(@case.Reports);
        Assert.Equal((ReportLevel.HigherLevel, "区委网信办", "机要传真", "滨江村自来水发黑情况报告", DemoAccounts.Analyst.DisplayName),
            (report.Level, report.Recipients, report.Channel, report.Content, report.RecordedBy));
        Assert.Equal(sentAt, report.SentAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(CaseState.Reporting, @case.State);
    }

    [Fact]
    public async Task A_duty_officer_cannot_record_a_report()
    {
        var id = await desk.NewCase().WithoutReport().InAsync(CaseState.Reporting);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Duty, Report(id)));

        Assert.Empty((await desk.CaseAsync(id)).Reports);
    }

    [Fact]
    public async Task A_report_sent_in_the_future_is_refused_naming_the_time()
    {
        var id = await desk.NewCase().WithoutReport().InAsync(CaseState.Reporting);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Analyst, Report(id, sentAt: DateTime.UtcNow.AddHours(2))), "SentAt");

        Assert.Empty((await desk.CaseAsync(id)).Reports);
    }

    [Fact]
    public async Task A_case_not_yet_assessed_takes_no_report()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, Report(id)), DomainErrors.TriggerNotAllowed);

        Assert.Empty((await desk.CaseAsync(id)).Reports);
    }
}

[Collection(AssessmentAndPlanDesk.Name)]
public class SubmitReportTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Submitting_the_reports_moves_the_case_to_plan_drafting()
    {
        var id = await desk.NewCase().InAsync(CaseState.Reporting);

        await desk.SendAsync(DemoAccounts.Analyst, new SubmitReport.Command(id));

        Assert.Equal(CaseState.PlanDrafting, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task Without_a_report_nothing_is_submitted()
    {
        var id = await desk.NewCase().WithoutReport().InAsync(CaseState.Reporting);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new SubmitReport.Command(id)), DomainErrors.ReportMissing);

        Assert.Equal(CaseState.Reporting, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_major_case_must_be_reported_to_the_higher_level()
    {
        var id = await desk.NewCase().Major().WithoutReport().InAsync(CaseState.Reporting);
        await desk.SendAsync(DemoAccounts.Analyst, new RecordReport.Command
        {
            CaseId = id,
            Level = ReportLevel.OwnLevel,
            Recipients = "镇党委",
            Channel = "电话",
            SentAt = DateTime.UtcNow.AddMinutes(-5),
            Content = "情况报告",
        });

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new SubmitReport.Command(id)), DomainErrors.HigherLevelReportMissing);

        Assert.Equal(CaseState.Reporting, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_section_chief_cannot_submit_the_reports()
    {
        var id = await desk.NewCase().InAsync(CaseState.Reporting);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Chief, new SubmitReport.Command(id)));

        Assert.Equal(CaseState.Reporting, (await desk.CaseAsync(id)).State);
    }
}
