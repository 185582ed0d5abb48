using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Import;
using Xunit;

namespace OpinionResponse.Tests.Intake.Import;

public class RowMappingTests
{
    private static readonly ImportLimits Limits = ImportLimits.Default;
    private static readonly RowMapping Mapping = new(Channel.Other, "值班员张三", new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc));

    private static SheetRow Row(int number, params string?[] cells) => new(number, cells);

    [Theory]
    [InlineData("渠道", ImportField.Channel)]
    [InlineData("Channel", ImportField.Channel)]
    [InlineData("标题", ImportField.Title)]
    [InlineData(" TITLE ", ImportField.Title)]
    [InlineData("内容*", ImportField.Content)]
    [InlineData("正文", ImportField.Content)]
    [InlineData("链接", ImportField.Url)]
    [InlineData("ＵＲＬ", ImportField.Url)]
    [InlineData("作者", ImportField.Author)]
    [InlineData("Author / caller", ImportField.Author)]
    [InlineData("来源", ImportField.SourceName)]
    [InlineData("Source name", ImportField.SourceName)]
    [InlineData("发布时间（北京时间）", ImportField.PublishedAt)]
    [InlineData("Published at", ImportField.PublishedAt)]
    [InlineData("published_at", ImportField.PublishedAt)]
    [InlineData("浏览量", ImportField.Views)]
    [InlineData("阅读数", ImportField.Views)]
    [InlineData("转发量", ImportField.Shares)]
    [InlineData("评论量", ImportField.Comments)]
    [InlineData("点赞量", ImportField.Likes)]
    [InlineData("主流媒体转载", ImportField.MediaPickup)]
    [InlineData("地点", ImportField.Location)]
    [InlineData("外部编号", ImportField.ExternalId)]
    [InlineData("External ID", ImportField.ExternalId)]
    [InlineData("联系电话", ImportField.Contact)]
    public void Headers_are_recognised_in_chinese_and_english_whatever_the_width_case_and_notes(string header, ImportField field)
    {
        Assert.Equal(field, ImportColumns.Recognize(header));
    }

    [Theory]
    [InlineData("序号")]
    [InlineData("情感倾向")]
    [InlineData("")]
    public void Unknown_headers_are_not_guessed(string header)
    {
        Assert.Null(ImportColumns.Recognize(header));
    }

    [Fact]
    public void The_header_is_found_below_a_title_line_and_unknown_columns_are_listed()
    {
        var layout = ImportColumns.FindLayout([Row(1, "北岸镇舆情日报"), Row(2, "序号", "渠道", "内容", "情感倾向"), Row(3, "1", "微博", "停水", "负面")], Limits);

        Assert.NotNull(layout);
        Assert.Equal(2, layout.HeaderRow);
        Assert.Equal(1, layout.ColumnOf(ImportField.Channel));
        Assert.Equal(2, layout.ColumnOf(ImportField.Content));
        Assert.Equal(["序号", "情感倾向"], layout.Ignored);
    }

    [Fact]
    public void A_sheet_without_a_content_column_has_no_header()
    {
        Assert.Null(ImportColumns.FindLayout([Row(1, "渠道", "标题"), Row(2, "微博", "停水")], Limits));
        var table = new SheetTable(SheetFormat.Csv, "UTF-8", [Row(1, "a", "b"), Row(2, "c", "d")]);
        Assert.Equal(ImportProblem.NoHeader, Assert.Throws<ImportFileException>(() => SpreadsheetReader.Layout(table, Limits)).Problem);
    }

    [Theory]
    [InlineData("微博", Channel.Weibo)]
    [InlineData("Weibo", Channel.Weibo)]
    [InlineData("ｗｅｉｂｏ", Channel.Weibo)]
    [InlineData("新浪微博", Channel.Weibo)]
    [InlineData("论坛", Channel.Forum)]
    [InlineData("热线电话", Channel.Hotline)]
    [InlineData("12345", Channel.Hotline)]
    [InlineData("门户网站", Channel.PortalSite)]
    [InlineData("网络问政", Channel.OnlineInquiry)]
    [InlineData("新闻跟帖", Channel.NewsComment)]
    [InlineData("微信公众号", Channel.WeChat)]
    [InlineData("报纸", Channel.Newspaper)]
    [InlineData("电视", Channel.Television)]
    [InlineData("广播", Channel.Radio)]
    [InlineData("其他", Channel.Other)]
    public void Channels_are_named_in_chinese_or_by_code(string text, Channel channel)
    {
        Assert.Equal(channel, ChannelNames.Recognize(text));
    }

    [Theory]
    [InlineData("2026-11-27 08:30", "2026-11-27T00:30:00Z")]
    [InlineData("2026-11-27 08:30:15", "2026-11-27T00:30:15Z")]
    [InlineData("2026/11/27 8:30", "2026-11-27T00:30:00Z")]
    [InlineData("2026.11.27 08:30", "2026-11-27T00:30:00Z")]
    [InlineData("2026年11月27日 08:30", "2026-11-27T00:30:00Z")]
    [InlineData("2026年11月27日8时30分", "2026-11-27T00:30:00Z")]
    [InlineData("2026-11-27", "2026-11-26T16:00:00Z")]
    [InlineData("2026-11-27T08:30:00+08:00", "2026-11-27T00:30:00Z")]
    [InlineData("2026-11-27T00:30:00Z", "2026-11-27T00:30:00Z")]
    [InlineData("2026-11-27T08:30:00.500+08:00", "2026-11-27T00:30:00.5Z")]
    [InlineData("2026-11-26 19:30:00 -05:00", "2026-11-27T00:30:00Z")]
    [InlineData("２０２６－１１－２７　０８：３０", "2026-11-27T00:30:00Z")]
    public void Times_without_an_offset_are_beijing_time(string text, string utc)
    {
        var parsed = ImportRowMapper.ParseTime(text, allowSerial: false);

        Assert.NotNull(parsed);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), parsed.Value);
    }

    [Theory]
    [InlineData("昨天")]
    [InlineData("11/27/2026")]
    [InlineData("2026-13-01")]
    [InlineData("46353.35")]
    public void Unreadable_times_are_refused(string text)
    {
        Assert.Null(ImportRowMapper.ParseTime(text, allowSerial: false));
    }

    [Fact]
    public void In_a_workbook_a_bare_number_in_the_time_column_is_an_excel_date()
    {
        var parsed = ImportRowMapper.ParseTime("46353.354166666664", allowSerial: true);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 30, 0, TimeSpan.Zero), parsed);
    }

    [Theory]
    [InlineData("1234", 1234)]
    [InlineData("1,234", 1234)]
    [InlineData("1.2万", 12000)]
    [InlineData("3.5w", 35000)]
    [InlineData("10万+", 100000)]
    [InlineData("2k", 2000)]
    [InlineData("-5", -5)]
    [InlineData("１２３", 123)]
    [InlineData("1.2E+4", 12000)]
    public void Counts_are_read_as_vendors_write_them(string text, long count)
    {
        Assert.True(ImportRowMapper.TryParseCount(text, out var parsed));
        Assert.Equal(count, parsed);
    }

    [Theory]
    [InlineData("很多")]
    [InlineData("1.5")]
    [InlineData("#N/A")]
    public void Non_counts_are_refused(string text)
    {
        Assert.False(ImportRowMapper.TryParseCount(text, out _));
    }

    [Fact]
    public void A_row_becomes_an_import_submission_by_the_officer()
    {
        var layout = ImportColumns.FindLayout(
            [Row(1, "渠道", "标题", "内容", "链接", "发布时间", "浏览量", "主流媒体转载", "地点", "作者", "来源")], Limits)!;

        var mapped = ImportRowMapper.Map(
            Row(2, "微博", " 停水 ", "滨江小区\r\n停水一天", "https://weibo.com/1", "2026-11-27 08:30", "1.2万", "澎湃新闻、南方都市报", "滨江小区", "江边人", "新浪微博"),
            layout, SheetFormat.Csv, Mapping);

        Assert.Empty(mapped.Problems);
        var s = mapped.Submission;
        Assert.Equal(Channel.Weibo, s.Channel);
        Assert.Equal("停水", s.Title);
        Assert.Equal("滨江小区\n停水一天", s.Content);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.FromHours(8)), s.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(8), s.PublishedAt!.Value.Offset);
        Assert.Equal(12000, s.Views);
        Assert.Equal(["澎湃新闻", "南方都市报"], s.MediaPickup!);
        Assert.Equal("江边人", s.Author);
        Assert.Equal("新浪微博", s.SourceName);
        Assert.Equal(ItemSources.Import, s.SourceKey);
        Assert.Equal("值班员张三", s.CollectedBy);
        Assert.StartsWith("imp-", s.ExternalId);
    }

    [Theory]
    [InlineData("抖音", Channel.ShortVideo, "抖音")]
    [InlineData("快手", Channel.ShortVideo, "快手")]
    [InlineData("B站", Channel.ShortVideo, "哔哩哔哩")]
    [InlineData("ｂｉｌｉｂｉｌｉ", Channel.ShortVideo, "哔哩哔哩")]
    [InlineData("今日头条", Channel.NewsApp, "今日头条")]
    [InlineData("小红书", Channel.Forum, "小红书")]
    [InlineData("知乎", Channel.Forum, "知乎")]
    [InlineData("百度贴吧", Channel.Forum, "百度贴吧")]
    [InlineData("微博", Channel.Weibo, "微博")]
    [InlineData("公众号", Channel.WeChat, "微信公众号")]
    [InlineData("微信", Channel.WeChat, null)]
    [InlineData("论坛", Channel.Forum, null)]
    [InlineData("短视频", Channel.ShortVideo, null)]
    [InlineData("某某直播平台", Channel.Other, "某某直播平台")]
    public void A_platform_keeps_its_name_and_goes_to_its_channel_family(string cell, Channel channel, string? platform)
    {
        var layout = ImportColumns.FindLayout([Row(1, "渠道", "内容")], Limits)!;

        var mapped = ImportRowMapper.Map(Row(2, cell, "滨江小区停水两天。"), layout, SheetFormat.Csv, Mapping);

        Assert.Empty(mapped.Problems);
        Assert.Equal((channel, platform), (mapped.Submission.Channel, mapped.Submission.Platform));
    }

    [Fact]
    public void Cells_that_cannot_be_read_are_reported_by_column_and_the_rest_is_kept()
    {
        var layout = ImportColumns.FindLayout([Row(1, "渠道", "内容", "发布时间", "浏览量")], Limits)!;

        // A channel cell that is a sentence, not a name: a column out of place.
        var mapped = ImportRowMapper.Map(Row(7, new string('抖', Platforms.MaxNameLength + 1), "内容", "下周一", "很多"), layout, SheetFormat.Csv, Mapping);

        Assert.Equal(
            [(ImportField.Channel, CellProblemKind.BadChannel), (ImportField.PublishedAt, CellProblemKind.BadDate), (ImportField.Views, CellProblemKind.BadNumber)],
            mapped.Problems.Select(p => (p.Field, p.Kind)));
        Assert.Equal("内容", mapped.Submission.Content);
        Assert.Equal(7, mapped.Number);
    }

    [Fact]
    public void A_time_well_in_the_future_is_reported()
    {
        var layout = ImportColumns.FindLayout([Row(1, "内容", "发布时间")], Limits)!;

        var mapped = ImportRowMapper.Map(Row(2, "内容", "2027-11-27 08:30"), layout, SheetFormat.Csv, Mapping);

        Assert.Equal(CellProblemKind.FutureDate, Assert.Single(mapped.Problems).Kind);
    }

    [Fact]
    public void Without_an_external_id_the_id_is_stable_for_the_same_channel_and_link_or_text()
    {
        var a = ImportRowMapper.StableId(Channel.Weibo, "https://weibo.com/1", "标题", "内容");
        Assert.Equal(a, ImportRowMapper.StableId(Channel.Weibo, "https://weibo.com/1", "改过的标题", "改过的内容"));
        Assert.NotEqual(a, ImportRowMapper.StableId(Channel.Weibo, "https://weibo.com/2", "标题", "内容"));
        Assert.NotEqual(a, ImportRowMapper.StableId(Channel.Forum, "https://weibo.com/1", "标题", "内容"));
        var text = ImportRowMapper.StableId(Channel.Hotline, null, "路灯", "江堤路路灯不亮");
        Assert.Equal(text, ImportRowMapper.StableId(Channel.Hotline, null, "路灯", "江堤路路灯不亮"));
        Assert.NotEqual(text, ImportRowMapper.StableId(Channel.Hotline, null, "路灯", "江堤路路灯又不亮"));
        Assert.True(a.Length <= 200);
    }

    [Fact]
    public void A_douyin_row_keeps_the_id_it_had_when_douyin_rows_went_to_other()
    {
        var layout = ImportColumns.FindLayout([Row(1, "渠道", "链接", "内容")], Limits)!;

        var row = ImportRowMapper.Map(Row(2, "抖音", "https://v.douyin.com/abc", "视频内容"), layout, SheetFormat.Csv, Mapping).Submission;

        Assert.Equal((Channel.ShortVideo, "抖音"), (row.Channel, row.Platform));
        Assert.Equal(ImportRowMapper.StableId(Channel.Other, "https://v.douyin.com/abc", "", "视频内容"), row.ExternalId);
        Assert.NotEqual(row.ExternalId, ImportRowMapper.StableId(Channel.Weibo, "https://v.douyin.com/abc", "", "视频内容"));
    }

    [Fact]
    public void The_sheets_own_external_id_is_kept_under_the_named_vendor_and_hashed_with_the_row_without_one()
    {
        var layout = ImportColumns.FindLayout([Row(1, "内容", "外部编号")], Limits)!;
        var vendor = Mapping with { Vendor = "甲舆情公司" };

        var kept = ImportRowMapper.Map(Row(2, "内容", "V-1001"), layout, SheetFormat.Csv, vendor).Submission;
        var blank = ImportRowMapper.Map(Row(3, "内容", " "), layout, SheetFormat.Csv, vendor).Submission;
        var hashed = ImportRowMapper.Map(Row(2, "内容", "V-1001"), layout, SheetFormat.Csv, Mapping).Submission;

        Assert.Equal(("V-1001", "import:甲舆情公司"), (kept.ExternalId, kept.SourceKey));
        Assert.Equal(ItemSources.Import, blank.SourceKey);
        Assert.StartsWith("imp-", blank.ExternalId);
        Assert.Equal(ItemSources.Import, hashed.SourceKey);
        Assert.StartsWith("imp-", hashed.ExternalId);
        Assert.NotEqual(ImportRowMapper.StableId(Channel.Other, null, string.Empty, "内容"), hashed.ExternalId);
        Assert.Equal(hashed.ExternalId, ImportRowMapper.Map(Row(2, "内容", "V-1001"), layout, SheetFormat.Csv, Mapping).Submission.ExternalId);
    }

    [Fact]
    public void The_csv_template_has_bom_and_every_header_is_recognised()
    {
        var csv = ImportTemplate.Csv();
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Take(3));

        var table = SpreadsheetReader.Read(csv, "template.csv", Limits);
        var layout = ImportColumns.FindLayout(table.Rows, Limits)!;

        Assert.Equal(ImportColumns.Template.Select(t => t.Field).Order(), layout.Columns.Keys.Order());
        Assert.Equal(["渠道", "标题", "内容", "链接", "作者", "来源", "发布时间", "浏览量", "转发量", "评论量", "点赞量", "主流媒体转载", "地点", "外部编号"], layout.Headers);
    }

    [Fact]
    public void The_xlsx_template_reads_back_as_its_headers_and_the_notes_sheet_is_not_data()
    {
        var xlsx = ImportTemplate.Xlsx("舆情信息", "填写说明", ["内容 必填", "渠道 说明"]);

        var table = SpreadsheetReader.Read(xlsx, "template.xlsx", Limits);

        Assert.Equal(ImportColumns.Template.Select(t => t.Header), Assert.Single(table.Rows).Cells);
    }
}
