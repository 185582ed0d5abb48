using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>A 舆情专报 in the browser, on the demo desk: one click on the case, the chief signs, the print view on A4, the Word file saved and opened.</summary>
[Collection(DemoBrowserCollection.Name)]
public sealed class ReportBrowserTests(DemoBrowserFixture fixture)
{
    /// <summary>With <c>UPDATE_SCREENSHOTS=1</c> the print view is saved to docs/img/special-report-print.png.</summary>
    [Fact]
    public async Task A_special_report_is_drafted_from_its_case_signed_printed_and_downloaded_as_word()
    {
        // A case of the demo desk in 处置中: its assessment, plan and task feedback fill the report.
        int caseId;
        await using (var db = await fixture.App.CreateDbContextAsync())
        {
            caseId = await db.Cases.Where(c => c.State == CaseState.Disposing).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        await using var browser = new BrowserDesk(fixture);
        await browser.RunAsync(async () =>
        {
            var analyst = await browser.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            var drafted = await SpecialReportsOfAsync(caseId);
            await analyst.GetByTestId("draft-special-report").ClickAsync();
            await analyst.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/reports/special/\d+$"));
            // Going back to the case and forward again drafts nothing more: drafting is the button's command, not an address.
            await analyst.GoBackAsync();
            await analyst.GoForwardAsync();
            await analyst.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/reports/special/\d+$"));
            Assert.Equal(drafted + 1, await SpecialReportsOfAsync(caseId));
            await Expect(analyst.GetByTestId("report-issuer")).ToHaveTextAsync("北岸镇政务舆情专报");
            await Expect(analyst.GetByTestId("report-number")).ToHaveTextAsync("（未编号）");
            var reportPath = new Uri(analyst.Url).AbsolutePath;

            var chief = await browser.AsAsync(DemoAccounts.Chief);
            await chief.OpenAsync(reportPath);
            await chief.GetByTestId("sign-special-report").ClickAsync();
            await Expect(chief.GetByTestId("report-number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^北岸舆专〔\d{4}〕\d+号$"));
            await Expect(chief.GetByTestId("report-signer")).ToHaveTextAsync("签发人：王强");
            var number = await chief.GetByTestId("report-number").InnerTextAsync();

            var download = await chief.RunAndWaitForDownloadAsync(() => chief.GetByTestId("report-docx").ClickAsync());
            Assert.Equal($"{number}.docx", download.SuggestedFilename);
            var saved = Path.Combine(Path.GetTempPath(), $"special-{Guid.NewGuid():N}.docx");
            await download.SaveAsAsync(saved);
            using (var document = WordprocessingDocument.Open(saved, false))
            {
                var text = document.MainDocumentPart!.Document!.Body!.InnerText;
                Assert.Contains(number, text, StringComparison.Ordinal);
                Assert.Contains("一、基本情况", text, StringComparison.Ordinal);
                Assert.Contains("签发人：王强", text, StringComparison.Ordinal);
            }

            File.Delete(saved);

            var print = await chief.Context.NewPageAsync();
            await print.SetViewportSizeAsync(900, 1273);
            await print.GotoAsync($"/reports/print?kind=Special&id={reportPath.Split('/')[^1]}");
            await Expect(print.GetByTestId("report-number")).ToHaveTextAsync(number);
            await print.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            await print.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            // The interactive render may replace the prerendered sheet in between: measure the one that stays.
            LocatorBoundingBoxResult? sheet = null;
            await Eventually.HoldsAsync(async () => (sheet = await print.GetByTestId("report-document").BoundingBoxAsync()) is not null);
            // A4 at 96 dpi: 210 mm wide.
            Assert.InRange(sheet!.Width, 790, 800);
            var bytes = await print.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Animations = ScreenshotAnimations.Disabled });
            Assert.True(bytes.Length > 10_000, "The print view rendered nothing.");
            if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
            {
                var folder = Path.Combine(RepositoryRoot(), "docs", "img");
                Directory.CreateDirectory(folder);
                await File.WriteAllBytesAsync(Path.Combine(folder, "special-report-print.png"), bytes);
            }

            await print.CloseAsync();
        });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpinionResponse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No OpinionResponse.sln above " + AppContext.BaseDirectory);
    }

    private async Task<int> SpecialReportsOfAsync(int caseId)
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        return await db.SpecialReports.CountAsync(r => r.CaseId == caseId);
    }
}
