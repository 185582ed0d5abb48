using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Reports.Special;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Reports;

/// <summary>舆情专报: drafted from the case, edited, signed and numbered per year; signed means unchangeable.</summary>
[Collection(ReportsDesk.Name)]
public sealed class SpecialReportTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private async Task<(int CaseId, int ReportId)> DraftAsync(CaseState state = CaseState.Published)
    {
        var caseId = await desk.NewCase().InAsync(state);
        return (caseId, await desk.SendAsync(DemoAccounts.Analyst, new DraftSpecialReport.Command(caseId)));
    }

    private Task<GetSpecialReport.View> ViewAsync(int reportId, DemoAccount? who = null) =>
        desk.SendAsync(who ?? DemoAccounts.Chief, new GetSpecialReport.Query(reportId));

    [Fact]
    public async Task One_click_drafts_the_four_sections_from_what_the_case_records()
    {
        var (caseId, reportId) = await DraftAsync();
        var @case = await desk.CaseAsync(caseId);

        var report = (await ViewAsync(reportId)).Report;

        Assert.Contains(@case.Title, report.Title, StringComparison.Ordinal);
        Assert.Contains(@case.Number, report.BasicFacts, StringComparison.Ordinal);
        Assert.Contains(@case.Summary, report.BasicFacts, StringComparison.Ordinal);
        Assert.Contains("民生类舆情，涉及群众饮水安全", report.Assessment, StringComparison.Ordinal);
        Assert.Contains("联系水厂排查管网", report.Disposal, StringComparison.Ordinal);
        Assert.Contains("经检测，滨江村供水水质已恢复正常。", report.Disposal, StringComparison.Ordinal);
        Assert.Contains("政务微博发布情况通报", report.NextSteps, StringComparison.Ordinal);
        Assert.Null(report.Number);
    }

    [Fact]
    public async Task A_chief_signs_and_the_report_takes_the_years_next_number()
    {
        var (_, first) = await DraftAsync(CaseState.Disposing);
        var (_, second) = await DraftAsync(CaseState.Disposing);

        var a = await desk.SendAsync(DemoAccounts.Chief, new SignSpecialReport.Command(first));
        var b = await desk.SendAsync(DemoAccounts.Head, new SignSpecialReport.Command(second));

        var year = DateTime.UtcNow.AddHours(8).Year;
        var serialA = (await ViewAsync(first)).Report.Serial!.Value;
        Assert.Equal($"北岸舆专〔{year}〕{serialA}号", a);
        Assert.Equal($"北岸舆专〔{year}〕{serialA + 1}号", b);
        var view = await ViewAsync(second);
        Assert.Equal((DemoAccounts.Head.DisplayName, false, false), (view.Report.SignedByName, view.MayEdit, view.MaySign));
        Assert.Equal("签发人：赵敏", view.Document.Signer);
    }

    [Fact]
    public async Task A_signed_report_refuses_every_change()
    {
        var (_, reportId) = await DraftAsync(CaseState.Disposing);
        await desk.SendAsync(DemoAccounts.Chief, new SignSpecialReport.Command(reportId));
        var signed = (await ViewAsync(reportId)).Report;

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new EditSpecialReport.Command
        {
            ReportId = reportId, ExpectedVersion = signed.Version, Title = "改过的标题", BasicFacts = "改", Assessment = "改", Disposal = "改", NextSteps = "改",
        }), ReportErrors.Signed);
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Head, new SignSpecialReport.Command(reportId)), ReportErrors.Signed);

        var after = (await ViewAsync(reportId)).Report;
        Assert.Equal((signed.Title, signed.Number, signed.SignedByName, signed.Version), (after.Title, after.Number, after.SignedByName, after.Version));
    }

    [Fact]
    public async Task The_analyst_edits_a_draft_and_the_drafter_cannot_sign_it()
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Disposing);
        var reportId = await desk.SendAsync(DemoAccounts.Chief, new DraftSpecialReport.Command(caseId));
        var draft = (await ViewAsync(reportId)).Report;

        await desk.SendAsync(DemoAccounts.Analyst, new EditSpecialReport.Command
        {
            ReportId = reportId, ExpectedVersion = draft.Version, Title = "关于滨江村自来水发黑的舆情专报", BasicFacts = draft.BasicFacts,
            Assessment = draft.Assessment, Disposal = draft.Disposal, NextSteps = "请城建办三日内反馈水质复检结果。",
        });

        Assert.Equal("请城建办三日内反馈水质复检结果。", (await ViewAsync(reportId)).Report.NextSteps);
        Assert.False((await ViewAsync(reportId)).MaySign);
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new SignSpecialReport.Command(reportId)), ReportErrors.SignerIsDrafter);
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Analyst, new SignSpecialReport.Command(reportId)));
        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Analyst, new EditSpecialReport.Command
        {
            ReportId = reportId, ExpectedVersion = draft.Version + 1, Title = " ", BasicFacts = "x", Assessment = "x", Disposal = "x", NextSteps = "x",
        }), nameof(EditSpecialReport.Command.Title));
    }

    [Fact]
    public async Task Two_chiefs_signing_at_once_take_two_numbers_without_a_gap()
    {
        var (_, first) = await DraftAsync(CaseState.Disposing);
        var (_, second) = await DraftAsync(CaseState.Disposing);
        var before = await LastSerialAsync();

        Task<string> a, b;
        await using (await desk.HoldWritesAsync())
        {
            // On their own threads: SQLite waits for the write lock synchronously, and the gate must be able to let go.
            a = Task.Run(() => desk.SendAsync(DemoAccounts.Chief, new SignSpecialReport.Command(first)));
            b = Task.Run(() => desk.SendAsync(DemoAccounts.Head, new SignSpecialReport.Command(second)));
        }

        var numbers = await Task.WhenAll(a, b);
        Assert.Equal(2, numbers.Distinct().Count());
        var serials = new[] { (await ViewAsync(first)).Report.Serial!.Value, (await ViewAsync(second)).Report.Serial!.Value }.Order();
        Assert.Equal([before + 1, before + 2], serials);
    }

    [Fact]
    public async Task Drafting_and_signing_are_audited()
    {
        var from = await desk.LastAuditIdAsync();
        var (_, reportId) = await DraftAsync(CaseState.Disposing);
        await desk.SendAsync(DemoAccounts.Chief, new SignSpecialReport.Command(reportId));

        var audit = (await desk.AuditSinceAsync(from)).Where(a => a.ObjectType == nameof(SpecialReport)).ToList();
        Assert.Equal(["DraftSpecialReport.Command", "SignSpecialReport.Command"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((AuditOutcome.Succeeded, reportId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (a.Outcome, a.ObjectId)));
    }

    [Fact]
    public async Task Another_units_reader_does_not_see_the_report()
    {
        var (_, reportId) = await DraftAsync(CaseState.Disposing);

        await Expect.NotFoundAsync(() => ViewAsync(reportId, DemoAccounts.ConstructionChief));
        Assert.DoesNotContain(await desk.SendAsync(DemoAccounts.ConstructionChief, new ListSpecialReports.Query()), r => r.Id == reportId);
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.ConstructionChief, new SignSpecialReport.Command(reportId)));
    }

    private async Task<int> LastSerialAsync()
    {
        await using var db = await desk.App.CreateDbContextAsync();
        var year = DateTime.UtcNow.AddHours(8).Year;
        return await db.SpecialReports.Where(r => r.Year == year).MaxAsync(r => r.Serial) ?? 0;
    }
}
