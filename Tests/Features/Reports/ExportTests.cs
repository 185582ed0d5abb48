using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Reports.Documents;
using OpinionResponse.App.Features.Reports.Special;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Reports;

/// <summary>The files that leave the system, opened as Word and Excel would open them; and the 回访 the 12345 rates need.</summary>
[Collection(ReportsDesk.Name)]
public sealed class ExportTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_signed_special_report_downloads_as_a_word_document_in_chinese()
    {
        var caseId = await desk.NewCase().Titled("导出测试 滨江村自来水发黑").InAsync(CaseState.Disposing);
        var reportId = await desk.SendAsync(DemoAccounts.Analyst, new DraftSpecialReport.Command(caseId));
        var number = await desk.SendAsync(DemoAccounts.Chief, new SignSpecialReport.Command(reportId));
        var from = await desk.LastAuditIdAsync();

        var file = await desk.SendAsync(DemoAccounts.Analyst, new ExportReport.Command(new ReportRef(ReportKind.Special, reportId), ReportFormat.Docx));

        Assert.Equal($"{number}.docx", file.Name);
        var text = WordText(file.Content);
        Assert.Contains("北岸镇政务舆情专报", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("签发人：王强", text, StringComparison.Ordinal);
        Assert.Contains("关于“导出测试 滨江村自来水发黑”的舆情专报", text, StringComparison.Ordinal);
        foreach (var heading in new[] { "一、基本情况", "二、研判意见", "三、处置情况", "四、下步建议" })
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        Assert.Contains("民生类舆情，涉及群众饮水安全", text, StringComparison.Ordinal);
        Assert.Contains(await desk.AuditSinceAsync(from), a => a.Action == "ExportReport.Command");
    }

    [Fact]
    public async Task The_performance_table_downloads_as_a_workbook_with_numbers_and_rates()
    {
        var s = await ReportScenario.OnAsync(desk);

        var file = await desk.SendAsync(DemoAccounts.Supervisor, new ExportReport.Command(
            new ReportRef(ReportKind.Performance, From: ReportScenario.Monday, To: ReportScenario.Monday.AddDays(6), By: PerformanceGrouping.Unit),
            ReportFormat.Xlsx));

        var sheets = Cells(file.Content);
        var lines = sheets["按单位"];
        Assert.Equal(["单位", "事件数", "信息数", "分拣及时率", "研判及时率", "5小时权威发布率", "48小时回应率"], lines[0].Take(7));
        var office = lines.Single(r => r[0] == s.TownOffice);
        Assert.Equal(["3", "3"], office.Skip(1).Take(2));
        Assert.Equal(2.0 / 3, double.Parse(office[3], System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal("", office[5]);
        Assert.Equal("20", office[7]);
        Assert.Equal("0.5", office[12]);
        var breaches = sheets["超时记录"];
        Assert.Contains(breaches, r => r.Contains("研判员外出核实，未及时录入") && r.Any(c => c.StartsWith("通报批评", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Another_units_reader_cannot_download_the_towns_figures_for_a_unit_not_theirs()
    {
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.ConstructionChief, new ExportReport.Command(
            new ReportRef(ReportKind.Bulletin, Day: ReportScenario.Day, UnitId: desk.Unit(DemoAccounts.TownOffice)), ReportFormat.Docx)));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Duty, new ExportReport.Command(
            new ReportRef(ReportKind.Bulletin, Day: ReportScenario.Day), ReportFormat.Xlsx)));
    }

    [Fact]
    public async Task A_hotline_case_closes_only_with_its_follow_up_call()
    {
        var id = await desk.NewCase().InAsync(CaseState.Published);
        var close = new CloseCase.Command { CaseId = id, Summary = "已处置完毕", RaiserFeedback = "已电话告知" };

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, close), DomainErrors.FollowUpRequired);
        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief, close with { FollowUpReached = true }), nameof(CloseCase.Command.Satisfaction));
        await desk.SendAsync(DemoAccounts.Chief, close with { FollowUpReached = false, Satisfaction = Satisfaction.Satisfied, FollowUpNote = "两次未接通" });

        var followUp = (await desk.CaseAsync(id)).FollowUp!;
        Assert.Equal((false, null, "两次未接通", DemoAccounts.Chief.DisplayName), (followUp.Reached, followUp.Satisfaction, followUp.Note, followUp.RecordedBy));
    }

    private static string WordText(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>Every sheet by name, as rows of cell texts (numbers in invariant form, empty cells as "").</summary>
    private static Dictionary<string, List<List<string>>> Cells(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        return workbook.Workbook.Sheets!.Elements<Sheet>().ToDictionary(
            sheet => sheet.Name!.Value!,
            sheet => ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>()
                .Select(row => row.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty).ToList())
                .ToList());
    }
}
