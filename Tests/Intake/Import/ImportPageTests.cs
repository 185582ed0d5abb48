using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Import;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake.Import;

/// <summary>The /import page on the real app's services: upload, preview with errors, import with progress, result.</summary>
public class ImportPageTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public async Task An_officer_previews_a_gbk_file_sees_the_bad_row_and_imports_the_good_ones()
    {
        var tag = Desk.Tag();
        var file = SampleFiles.Gbk(SampleFiles.Csv(
            "渠道,标题,内容,发布时间,浏览量",
            $"微博,停水,{tag} 滨江小区停水,2026-11-27 08:30,100",
            $"抖音,堵车,{tag} 北岸中学门口堵车,2026-11-27 07:45,20",
            $"论坛,时间不对,{tag} 时间写错,下周一,1"));
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<ImportPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "日报.csv"));

        page.WaitForAssertion(() => Assert.Equal("有效 2 行", page.Find("[data-testid=import-valid]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("有误 1 行", page.Find("[data-testid=import-invalid]").TextContent.Trim());
        Assert.Contains("GB18030", page.Find("[data-testid=import-file]").TextContent);
        Assert.Equal(3, page.FindAll("[data-testid=import-row]").Count);
        var bad = page.FindAll("[data-testid=import-row]")[2];
        Assert.Contains("import-invalid", bad.ClassList);
        Assert.Contains("无法识别的时间“下周一”", bad.TextContent);
        var error = Assert.Single(page.FindAll("[data-testid=import-error-row]"));
        Assert.StartsWith("4D 发布时间", error.TextContent.Trim());
        // The platform keeps its name under its channel family, and the preview says so; 微博 maps to itself and is not listed.
        Assert.Equal("抖音 · 短视频", page.FindAll("[data-testid=import-row]")[1].QuerySelector("td:nth-child(2)")!.TextContent.Trim());
        Assert.Equal(["抖音 → 短视频（1 行）"], page.FindAll("[data-testid=import-platform]").Select(p => p.TextContent.Trim()));
        Assert.Empty(await ItemsAsync(tag));

        var run = page.Find("[data-testid=import-run]");
        Assert.Contains("导入 2 条有效数据", run.TextContent);
        run.Click();

        page.WaitForAssertion(() => Assert.Contains("新增 2 条", page.Find("[data-testid=import-result]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("triage", page.Find("[data-testid=import-to-triage]").GetAttribute("href"));
        Assert.True(page.Find("[data-testid=import-run]").HasAttribute("disabled"));
        Assert.Equal(2, (await ItemsAsync(tag)).Count);
    }

    [Fact]
    public void A_file_without_known_headers_is_refused_with_a_message()
    {
        SignIn(DemoAccounts.Analyst);
        var page = RenderPage<ImportPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("随便写的一行\r\n第二行\r\n", "notes.csv"));

        page.WaitForAssertion(() => Assert.Contains("没有找到表头", page.Find("[data-testid=import-error]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=import-preview]"));
    }

    [Fact]
    public void The_templates_are_offered_for_download()
    {
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<ImportPage>();

        Assert.Equal(ImportTemplateEndpoints.CsvPath, page.Find("[data-testid=import-template-csv]").GetAttribute("href"));
        Assert.Equal(ImportTemplateEndpoints.XlsxPath, page.Find("[data-testid=import-template-xlsx]").GetAttribute("href"));
    }

    private async Task<List<string>> ItemsAsync(string tag)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Items.Where(i => i.Content.Contains(tag)).Select(i => i.Content).ToListAsync();
    }
}
