using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Browser;
using OpinionResponse.Tests.Features.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Intake.Import;

/// <summary>The import page in Chromium against the real app: the upload goes through the browser, the templates download.</summary>
[Collection(BrowserCollection.Name)]
public class ImportBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_officer_uploads_a_gbk_csv_previews_it_and_imports_it()
    {
        var tag = Desk.Tag();
        var file = SampleFiles.Gbk(SampleFiles.Csv(
            "渠道,标题,内容,链接,发布时间,浏览量",
            $"微博,滨江小区停水,{tag} 滨江小区从昨晚起停水,https://weibo.com/{tag},2026-11-27 08:30,1.2万",
            $"论坛,北岸中学门口堵车,{tag} 早高峰堵车,,2026-11-27 07:45,-1"));
        var page = await fixture.SignInAsync(DemoAccounts.Duty);
        try
        {
            await page.OpenAsync("/import");
            // The file input listens for a choice only once Blazor's InputFile script has set it up (after its first render).
            await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");

            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "舆情日报.csv",
                MimeType = "text/csv",
                Buffer = file,
            });

            await Expect(page.GetByTestId("import-valid")).ToHaveTextAsync("有效 1 行");
            await Expect(page.GetByTestId("import-invalid")).ToHaveTextAsync("有误 1 行");
            await Expect(page.GetByTestId("import-error-row")).ToContainTextAsync("浏览量");
            await Expect(page.GetByTestId("import-rows")).ToContainTextAsync("滨江小区停水");
            await page.GetByTestId("import-run").ClickAsync();
            await Expect(page.GetByTestId("import-result")).ToContainTextAsync("新增 1 条");

            await page.GetByTestId("import-to-triage").ClickAsync();
            await Expect(page.GetByTestId("triage-queue")).ToContainTextAsync("滨江小区停水");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_csv_template_downloads_as_utf8_with_a_bom_and_the_xlsx_as_a_workbook()
    {
        var page = await fixture.SignInAsync(DemoAccounts.Analyst);
        try
        {
            await page.OpenAsync("/import");

            var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-template-csv").ClickAsync());
            var csvBytes = await File.ReadAllBytesAsync((await csv.PathAsync())!);
            Assert.EndsWith(".csv", csv.SuggestedFilename);
            Assert.Equal([0xEF, 0xBB, 0xBF], csvBytes.Take(3));
            Assert.StartsWith("渠道,标题,内容,链接,作者,来源,发布时间", System.Text.Encoding.UTF8.GetString(csvBytes[3..]));

            var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-template-xlsx").ClickAsync());
            var table = OpinionResponse.Infrastructure.Import.SpreadsheetReader.Read(await File.ReadAllBytesAsync((await xlsx.PathAsync())!),
                xlsx.SuggestedFilename, OpinionResponse.Infrastructure.Import.ImportLimits.Default);
            Assert.Equal("渠道", Assert.Single(table.Rows).Cells[0]);
            Assert.Contains("/import", page.Url);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
