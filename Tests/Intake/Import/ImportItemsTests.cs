using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Import;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake.Import;

[CollectionDefinition(Name)]
public sealed class ImportDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Import desk";
}

/// <summary>Preview and import through the real mediator, validator and write path, on a real SQLite file.</summary>
[Collection(ImportDesk.Name)]
public class ImportItemsTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private static PreviewImport.Query Preview(byte[] file, string name = "export.csv") => new() { FileName = name, File = file };

    private static ImportItems.Command Import(byte[] file, string name = "export.csv", IProgress<ImportItems.Progress>? progress = null) =>
        new() { FileName = name, File = file, Progress = progress };

    private async Task<List<OpinionItem>> ItemsTaggedAsync(string tag)
    {
        await using var db = await desk.App.CreateDbContextAsync();
        return await db.Items.AsNoTracking().Where(i => i.Content.Contains(tag)).OrderBy(i => i.Id).ToListAsync();
    }

    /// <summary>A channel cell holding a sentence (a column out of place), too long to be a platform's name.</summary>
    private const string NotAChannel = "这一格本应是渠道却写成了一整句说明文字，远远超过了一个平台名称能有的长度，所以无法识别为渠道";

    /// <summary>Two good rows, then one of each mistake the desk sees in vendors' exports.</summary>
    private static byte[] MixedSheet(string tag) => SampleFiles.Utf8WithBom(SampleFiles.Csv(
        "渠道,标题,内容,链接,作者,发布时间,浏览量,主流媒体转载",
        $"微博,滨江小区停水,{tag} 滨江小区从昨晚起停水,https://weibo.com/{tag}/1,江边人,2026-11-27 08:30,1.2万,澎湃新闻、南方都市报",
        $"热线电话,路灯不亮,\"{tag} 江堤路路灯不亮，\n夜间行人摔倒\",,李女士,2026/11/26 21:10,0,",
        $"论坛,没有内容,,https://bbs.example.cn/{tag},,2026-11-27 09:00,1,",
        $"{NotAChannel},渠道不对,{tag} 渠道写错了,,,2026-11-27 09:00,1,",
        $"论坛,时间不对,{tag} 时间写错了,,,昨天下午,1,",
        $"论坛,负数,{tag} 浏览量为负,,,2026-11-27 09:00,-5,",
        $"论坛,控制字符,{tag} 含有\u0007响铃字符,,,2026-11-27 09:00,1,"));

    [Fact]
    public async Task Platforms_are_kept_by_name_under_their_channel_and_the_preview_says_what_it_mapped()
    {
        var tag = Desk.Tag();
        var sheet = SampleFiles.Utf8WithBom(SampleFiles.Csv(
            "渠道,标题,内容",
            $"抖音,工地扬尘,{tag} 抖音视频：江堤路工地扬尘",
            $"抖音,工地夜间施工,{tag} 抖音视频：江堤路工地夜间施工",
            $"今日头条,学校门口拥堵,{tag} 头条文章：实验小学门口拥堵",
            $"某某直播,菜市场占道,{tag} 直播：菜市场占道经营",
            $"微博,滨江小区停水,{tag} 微博：滨江小区停水"));

        var preview = await desk.SendAsync(DemoAccounts.Duty, Preview(sheet));

        Assert.Equal(
            [("抖音", Channel.ShortVideo, true, 2), ("今日头条", Channel.NewsApp, true, 1), ("某某直播", Channel.Other, false, 1), ("微博", Channel.Weibo, true, 1)],
            preview.Platforms.Select(m => (m.Name, m.Channel, m.Known, m.Rows)));
        Assert.Equal((Channel.ShortVideo, "抖音"), (preview.Rows[0].Channel, preview.Rows[0].Platform));

        await desk.SendAsync(DemoAccounts.Duty, Import(sheet));

        var stored = await ItemsTaggedAsync(tag);
        Assert.Equal(
            [(Channel.ShortVideo, "抖音"), (Channel.ShortVideo, "抖音"), (Channel.NewsApp, "今日头条"), (Channel.Other, "某某直播"), (Channel.Weibo, "微博")],
            stored.Select(i => (i.Channel, i.Platform)));
    }

    [Fact]
    public async Task A_preview_reads_every_row_reports_errors_by_row_and_column_and_stores_nothing()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var tag = Desk.Tag();
        var before = await desk.ItemCountAsync();

        var preview = await desk.SendAsync(DemoAccounts.Duty, Preview(MixedSheet(tag)));

        Assert.Equal((7, 2, 5), (preview.Total, preview.Valid, preview.Invalid));
        Assert.Equal("CSV", preview.Format);
        Assert.Equal("UTF-8", preview.Encoding);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], preview.Rows.Select(r => r.Number));
        Assert.Equal(new DateTime(2026, 11, 27, 0, 30, 0, DateTimeKind.Utc), preview.Rows[0].PublishedAtUtc);
        Assert.Equal(Channel.Hotline, preview.Rows[1].Channel);
        Assert.Empty(preview.Rows[0].Errors);
        Assert.Equal(
            [(4, "C 内容"), (5, "A 渠道"), (6, "F 发布时间"), (7, "G 浏览量"), (8, "C 内容")],
            preview.Errors.Select(e => (e.Row, e.Column)));
        Assert.StartsWith($"无法识别的渠道“{NotAChannel[..20]}", preview.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("无法识别的时间“昨天下午”", preview.Errors[2].Message);
        Assert.Contains("控制字符", preview.Errors[4].Message);
        Assert.All(preview.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Equal(before, await desk.ItemCountAsync());
    }

    [Fact]
    public async Task The_errors_speak_the_users_language()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            var preview = await desk.SendAsync(DemoAccounts.Duty, Preview(MixedSheet(Desk.Tag())));

            Assert.StartsWith($"Unknown channel \"{NotAChannel[..20]}", preview.Errors[1].Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        }
    }

    [Fact]
    public async Task Importing_stores_the_valid_rows_once_and_a_second_import_stores_nothing()
    {
        var tag = Desk.Tag();
        var file = MixedSheet(tag);

        var first = await desk.SendAsync(DemoAccounts.Duty, Import(file));

        Assert.Equal(new ImportItems.Result(Total: 7, Created: 2, AlreadyExisted: 0, Invalid: 5), first);
        var items = await ItemsTaggedAsync(tag);
        Assert.Equal(2, items.Count);
        var weibo = items[0];
        Assert.Equal(Channel.Weibo, weibo.Channel);
        Assert.Equal("滨江小区停水", weibo.Title);
        Assert.Equal(ItemSources.Import, weibo.SourceKey);
        Assert.StartsWith("imp-", weibo.ExternalId);
        Assert.Equal(DemoAccounts.Duty.DisplayName, weibo.CollectedBy);
        Assert.Equal(new DateTime(2026, 11, 27, 0, 30, 0), weibo.PublishedAt);
        Assert.Equal(480, weibo.PublishedAtOffsetMinutes);
        Assert.Equal(12000, weibo.Views);
        Assert.Equal("澎湃新闻、南方都市报", weibo.MediaPickup);
        Assert.Equal(TriageStatus.New, weibo.Status);
        Assert.NotEqual(0, weibo.Fingerprint);
        Assert.Equal($"{tag} 江堤路路灯不亮，\n夜间行人摔倒", items[1].Content);

        var again = await desk.SendAsync(DemoAccounts.Duty, Import(file));

        Assert.Equal(new ImportItems.Result(Total: 7, Created: 0, AlreadyExisted: 2, Invalid: 5), again);
        Assert.Equal(items.Select(i => i.Id), (await ItemsTaggedAsync(tag)).Select(i => i.Id));
    }

    [Fact]
    public async Task Two_vendors_using_the_same_ids_for_different_posts_lose_neither_post()
    {
        var tag = Desk.Tag();
        byte[] Sheet(string post) => SampleFiles.Utf8WithBom(SampleFiles.Csv("外部编号,渠道,标题,内容", $"1001,论坛,{post},{tag} {post}"));
        var fromA = Sheet("北岸中学门口积水");
        var fromB = Sheet("滨江路路灯不亮");

        // Named vendors: each vendor's own id is kept, under its own source.
        var a = await desk.SendAsync(DemoAccounts.Duty, Import(fromA) with { Vendor = " 甲舆情公司 " });
        var b = await desk.SendAsync(DemoAccounts.Duty, Import(fromB) with { Vendor = "乙数据" });
        var again = await desk.SendAsync(DemoAccounts.Duty, Import(fromA) with { Vendor = "甲舆情公司" });

        Assert.Equal((1, 1, 0), (a.Created, b.Created, again.Created));
        var items = await ItemsTaggedAsync(tag);
        Assert.Equal([("import:甲舆情公司", "1001"), ("import:乙数据", "1001")], items.Select(i => (i.SourceKey, i.ExternalId!)));
    }

    [Fact]
    public async Task Without_a_vendor_a_sheets_own_id_is_hashed_with_the_row_so_ids_of_two_vendors_do_not_collide()
    {
        var tag = Desk.Tag();
        byte[] Sheet(string post) => SampleFiles.Utf8WithBom(SampleFiles.Csv("外部编号,渠道,标题,内容", $"1001,论坛,{post},{tag} {post}"));

        var a = await desk.SendAsync(DemoAccounts.Duty, Import(Sheet("北岸中学门口积水")));
        var b = await desk.SendAsync(DemoAccounts.Duty, Import(Sheet("滨江路路灯不亮")));
        var again = await desk.SendAsync(DemoAccounts.Duty, Import(Sheet("滨江路路灯不亮")));

        Assert.Equal((1, 1, 0, 1), (a.Created, b.Created, again.Created, again.AlreadyExisted));
        var items = await ItemsTaggedAsync(tag);
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal((ItemSources.Import, true), (i.SourceKey, i.ExternalId!.StartsWith("imp-", StringComparison.Ordinal))));
        Assert.NotEqual(items[0].ExternalId, items[1].ExternalId);
    }

    [Fact]
    public async Task A_vendor_name_too_long_or_with_control_characters_is_refused_in_the_users_language()
    {
        var file = SampleFiles.Utf8WithBom(SampleFiles.Csv("渠道,标题,内容", $"论坛,标题,{Desk.Tag()} 内容"));

        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            desk.SendAsync(DemoAccounts.Duty, Import(file) with { Vendor = new string('甲', ItemSources.MaxVendorLength + 1) }));
        var control = await Assert.ThrowsAsync<ValidationException>(() =>
            desk.SendAsync(DemoAccounts.Duty, Preview(file) with { Vendor = "甲\u0007" }));

        Assert.Contains($"不能超过 {ItemSources.MaxVendorLength} 个字", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("控制字符", control.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_rows_saved_as_gbk_are_recognised_as_already_imported()
    {
        var tag = Desk.Tag();
        var csv = SampleFiles.Csv("渠道,内容,链接", $"微博,{tag} 滨江小区停水,https://weibo.com/{tag}", $"热线电话,{tag} 江堤路路灯不亮,");
        await desk.SendAsync(DemoAccounts.Duty, Import(SampleFiles.Utf8WithBom(csv)));

        var again = await desk.SendAsync(DemoAccounts.Analyst, Import(SampleFiles.Gbk(csv)));

        Assert.Equal((0, 2), (again.Created, again.AlreadyExisted));
        Assert.Equal(2, (await ItemsTaggedAsync(tag)).Count);
    }

    [Fact]
    public async Task The_committed_gbk_export_is_imported_with_its_chinese_intact()
    {
        var result = await desk.SendAsync(DemoAccounts.Duty, Import(SampleFiles.Fixture("vendor-gbk.csv"), "舆情日报.csv"));

        Assert.Equal(3, result.Created + result.AlreadyExisted);
        await using var db = await desk.App.CreateDbContextAsync();
        var water = await db.Items.AsNoTracking().SingleAsync(i => i.Url == "https://weibo.com/1/abc");
        Assert.Equal("滨江小区从昨晚起停水，居民说\"没人管\"，\n已经一整天了。", water.Content);
        Assert.Equal(new DateTime(2026, 11, 27, 0, 30, 0), water.PublishedAt);
        Assert.Equal(12000, water.Views);
        var jam = await db.Items.AsNoTracking().SingleAsync(i => i.Url == "https://bbs.example.cn/t/9");
        Assert.Equal(("堃哥", 3456L, Channel.Forum), (jam.Author, jam.Views, jam.Channel));
        Assert.True(await db.Items.AnyAsync(i => i.Channel == Channel.Hotline && i.Title == "路灯不亮" && i.PublishedAt == new DateTime(2026, 11, 26, 13, 10, 0)));
    }

    [Fact]
    public async Task The_committed_workbook_is_imported_and_its_bad_row_is_not()
    {
        var preview = await desk.SendAsync(DemoAccounts.Duty, Preview(SampleFiles.Fixture("vendor.xlsx"), "vendor.xlsx"));
        Assert.Equal((3, 2, 1), (preview.Total, preview.Valid, preview.Invalid));
        Assert.Equal((5, "E 浏览量"), (preview.Errors.Single().Row, preview.Errors.Single().Column));

        var result = await desk.SendAsync(DemoAccounts.Duty, Import(SampleFiles.Fixture("vendor.xlsx"), "vendor.xlsx") with { Vendor = "江城舆情监测" });

        Assert.Equal(2, result.Created + result.AlreadyExisted);
        await using var db = await desk.App.CreateDbContextAsync();
        var source = ItemSources.Imported("江城舆情监测");
        var water = await db.Items.AsNoTracking().SingleAsync(i => i.SourceKey == source && i.ExternalId == "V-1001");
        Assert.Equal(("停水", "滨江小区从昨晚起停水，已经一整天了。", "江边人", "滨江小区"), (water.Title, water.Content, water.Author, water.Location));
        Assert.Equal(new DateTime(2026, 11, 27, 0, 30, 0), water.PublishedAt);
        var jam = await db.Items.AsNoTracking().SingleAsync(i => i.SourceKey == source && i.ExternalId == "V-1002");
        Assert.Equal((Channel.Forum, 15000L, new DateTime(2026, 11, 26, 11, 5, 0)), (jam.Channel, jam.Views, jam.PublishedAt!.Value));
        Assert.False(await db.Items.AnyAsync(i => i.SourceKey == source && i.ExternalId == "V-1003"));
    }

    [Fact]
    public async Task A_workbook_written_by_the_sdk_is_imported()
    {
        var tag = Desk.Tag();
        var file = SampleFiles.Xlsx(
            [
                ["Channel", "Title", "Content", "Published at", "Views"],
                ["Weibo", "停水", $"{tag} 滨江小区停水", new DateTime(2026, 11, 27, 8, 30, 0), 88],
                [null, "无渠道", $"{tag} 没写渠道的行", null, null],
            ]);

        var result = await desk.SendAsync(DemoAccounts.Chief, new ImportItems.Command { FileName = "x.xlsx", File = file, DefaultChannel = Channel.PortalSite });

        Assert.Equal(2, result.Created);
        var items = await ItemsTaggedAsync(tag);
        Assert.Equal([Channel.Weibo, Channel.PortalSite], items.Select(i => i.Channel));
        Assert.Equal(new DateTime(2026, 11, 27, 0, 30, 0), items[0].PublishedAt);
        Assert.Equal(88, items[0].Views);
    }

    [Fact]
    public async Task A_large_file_goes_in_chunks_and_progress_is_reported()
    {
        var tag = Desk.Tag();
        var lines = Enumerable.Range(1, 450).Select(i => $"论坛,{tag} 第{i}条帖子,https://bbs.example.cn/{tag}/{i}").Prepend("渠道,内容,链接").ToArray();
        var progress = new Recorder();

        var result = await desk.SendAsync(DemoAccounts.Duty, Import(SampleFiles.Utf8(SampleFiles.Csv(lines)), progress: progress));

        Assert.Equal(450, result.Created);
        Assert.Equal([0, 200, 400, 450], progress.Reports.Select(p => p.Done));
        Assert.All(progress.Reports, p => Assert.Equal(450, p.Of));
        Assert.Equal(450, (await ItemsTaggedAsync(tag)).Count);
    }

    [Fact]
    public async Task A_press_officer_may_neither_preview_nor_import()
    {
        var tag = Desk.Tag();
        var file = MixedSheet(tag);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, Preview(file)));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, Import(file)));

        Assert.Empty(await ItemsTaggedAsync(tag));
    }

    [Theory]
    [InlineData("empty.csv", "", "文件是空的")]
    [InlineData("report.pdf", "%PDF-1.7", "只能导入 CSV 或 XLSX 文件")]
    [InlineData("old.xls", "\u00D0\u00CF\u0011\u00E0", "旧版 Excel")]
    [InlineData("notes.csv", "今天天气不错\r\n明天也不错\r\n", "没有找到表头")]
    [InlineData("broken.xlsx", "PK\u0003\u0004 broken", "无法读取此 XLSX 文件")]
    [InlineData("quote.csv", "内容,标题\r\n\"未闭合,x\r\n", "第 2 行的引号没有闭合")]
    public async Task A_bad_file_is_refused_with_a_message_and_nothing_is_stored(string name, string content, string message)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var before = await desk.ItemCountAsync();
        var bytes = name == "old.xls" ? content.Select(c => (byte)c).ToArray() : SampleFiles.Utf8(content);

        var preview = await Assert.ThrowsAsync<ValidationException>(() => desk.SendAsync(DemoAccounts.Duty, Preview(bytes, name)));
        var import = await Assert.ThrowsAsync<ValidationException>(() => desk.SendAsync(DemoAccounts.Duty, Import(bytes, name)));

        Assert.Contains(preview.Errors, e => e.ErrorMessage.Contains(message, StringComparison.Ordinal));
        Assert.Contains(import.Errors, e => e.ErrorMessage.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await desk.ItemCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var bytes = new byte[ImportSheet.Limits.MaxFileBytes + 1];

        var error = await Assert.ThrowsAsync<ValidationException>(() => desk.SendAsync(DemoAccounts.Duty, Preview(bytes)));

        Assert.Contains(error.Errors, e => e.PropertyName == ImportSheet.FileProperty);
    }

    [Fact]
    public async Task A_sheet_over_the_row_limit_is_refused()
    {
        var lines = Enumerable.Range(0, ImportSheet.Limits.MaxRows + 1).Select(i => $"论坛,第{i}条").Prepend("渠道,内容").ToArray();

        var error = await Assert.ThrowsAsync<ValidationException>(() => desk.SendAsync(DemoAccounts.Duty, Preview(SampleFiles.Utf8(SampleFiles.Csv(lines)))));

        Assert.Contains(error.Errors, e => e.PropertyName == ImportSheet.FileProperty && e.ErrorMessage.Contains("20000", StringComparison.Ordinal));
    }

    private sealed class Recorder : IProgress<ImportItems.Progress>
    {
        public List<ImportItems.Progress> Reports { get; } = [];

        public void Report(ImportItems.Progress value) => Reports.Add(value);
    }
}
