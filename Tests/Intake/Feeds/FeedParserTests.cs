using System.Diagnostics;
using System.Net;
using System.Text;
using OpinionResponse.Infrastructure.Feeds;
using Xunit;

namespace OpinionResponse.Tests.Intake.Feeds;

/// <summary>Parsing the fixtures from disk: well-formed, wrongly encoded, malformed and hostile feeds.</summary>
public class FeedParserTests
{
    private static readonly FeedLimits Limits = new(MaxEntryChars: 20_000, MaxEntryRawChars: 100_000, MaxEntries: 1_000, MaxDocumentChars: 5 * 1024 * 1024);
    private static readonly Uri Portal = new("http://www.beian.gov.cn/rss.xml");

    private static FeedDocument Parse(string file, string? charset = null) =>
        FeedParser.Parse(File.ReadAllBytes(FeedFixtureServer.FixturePath(file)), charset, Limits, Portal);

    private static FeedProblemException Refused(string file, string? charset = null) =>
        Assert.Throws<FeedProblemException>(() => Parse(file, charset));

    [Fact]
    public void Rss_2_entries_become_plain_text_with_their_ids_links_authors_and_times()
    {
        var feed = Parse("rss2.xml");

        Assert.Equal("北岸镇人民政府门户网站", feed.Title);
        Assert.Equal(3, feed.Entries.Count);
        Assert.Empty(feed.Skipped);
        var noise = feed.Entries[0];
        Assert.Equal("beian-hd-2026-001", noise.Id);
        Assert.Equal("滨江小区居民反映夜间施工噪音扰民", noise.Title);
        Assert.Equal("滨江小区三期工地连续多晚施工到凌晨两点，严重影响居民休息。", noise.Content);
        Assert.Equal("http://www.beian.gov.cn/hd/2026/1128/001.html", noise.Link);
        Assert.Equal("网友“江边人”", noise.Author);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 30, 0, TimeSpan.FromHours(8)), noise.PublishedAt);

        var water = feed.Entries[1];
        Assert.StartsWith("为提升供水质量", water.Content);
        Assert.Contains("\n", water.Content);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), water.PublishedAt);

        var clinic = feed.Entries[2];
        Assert.Equal("http://www.beian.gov.cn/xxgk/2026/1126/003.html", clinic.Link);
        Assert.Equal("镇党政办", clinic.Author);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 15, 0, TimeSpan.FromHours(8)), clinic.PublishedAt);
    }

    [Fact]
    public void Atom_entries_read_html_and_xhtml_content_and_person_names()
    {
        var feed = Parse("atom.xml");

        Assert.Equal(2, feed.Entries.Count);
        var lamp = feed.Entries[0];
        Assert.Equal("tag:bbs.beian.example,2026:thread-9001", lamp.Id);
        Assert.Equal("http://bbs.beian.example/thread-9001-1-1.html", lamp.Link);
        Assert.Equal("夜归人", lamp.Author);
        Assert.Equal("和平路东段路灯坏了一个多月，晚上一片漆黑。\n老人孩子出门很危险，希望有关部门尽快处理！", lamp.Content);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 45, 0, TimeSpan.FromHours(8)), lamp.PublishedAt);

        var market = feed.Entries[1];
        Assert.Equal("菜市场缺斤短两问题", market.Title);
        Assert.Contains("价格 < 市场价也不能这样吧。", market.Content);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 16, 20, 0, TimeSpan.Zero), market.PublishedAt);
    }

    [Fact]
    public void A_gb2312_feed_is_read_in_the_encoding_it_declares()
    {
        var entry = Assert.Single(Parse("rss-gb2312.xml").Entries);

        Assert.Equal("新华街垃圾清运不及时", entry.Title);
        Assert.Contains("请环卫所尽快清运", entry.Content);
    }

    [Fact]
    public void A_gbk_feed_reads_its_gbk_only_characters_even_when_the_server_claims_utf_8()
    {
        var entry = Assert.Single(Parse("rss-gbk.xml", charset: "utf-8").Entries);

        Assert.Equal("喆园小区停车难", entry.Title);
        Assert.Contains("镕泰花园", entry.Content);
    }

    [Fact]
    public void A_content_type_charset_is_used_when_the_document_declares_none()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("gb18030").GetBytes("<rss version=\"2.0\"><channel><item><guid>1</guid><title>镇政府</title></item></channel></rss>");

        var entry = Assert.Single(FeedParser.Parse(bytes, "GB2312", Limits).Entries);

        Assert.Equal("镇政府", entry.Title);
    }

    [Fact]
    public void Bytes_that_are_not_the_declared_encoding_refuse_the_feed()
    {
        Assert.Equal(FeedReasons.Encoding, Refused("wrong-encoding.xml").Code);
    }

    [Fact]
    public void Malformed_xml_refuses_the_feed_with_the_parser_message()
    {
        var problem = Refused("malformed.xml");

        Assert.Equal(FeedReasons.MalformedXml, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public void Billion_laughs_is_refused_at_once_without_expanding_anything()
    {
        var watch = Stopwatch.StartNew();

        var problem = Refused("billion-laughs.xml");

        Assert.Equal(FeedReasons.HostileXml, problem.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void An_external_entity_is_refused_and_no_local_file_is_read()
    {
        var problem = Refused("xxe.xml");

        Assert.Equal(FeedReasons.HostileXml, problem.Code);
        Assert.DoesNotContain("root:", problem.Message);
    }

    [Fact]
    public void An_html_page_is_not_a_feed()
    {
        Assert.Equal(FeedReasons.HtmlPage, Refused("not-a-feed.html").Code);
    }

    [Fact]
    public void A_long_entry_is_shortened_and_a_huge_one_skipped_with_its_reason()
    {
        var feed = Parse("huge-entry.xml");

        Assert.Equal(["huge-long-text", "huge-normal"], feed.Entries.Select(e => e.Id));
        var shortened = feed.Entries[0];
        Assert.True(shortened.Truncated);
        Assert.Equal(20_000, shortened.Content.Length);
        Assert.EndsWith("…", shortened.Content);
        Assert.False(feed.Entries[1].Truncated);
        Assert.Contains(feed.Skipped, s => s.Code == FeedReasons.EntryTooLarge && s.Detail.StartsWith("huge-markup", StringComparison.Ordinal));
        Assert.Contains(feed.Skipped, s => s.Code == FeedReasons.EntryTruncated);
    }

    [Fact]
    public void Html_scripts_styles_frames_and_unsafe_links_never_reach_the_text()
    {
        var feed = Parse("html-script.xml");

        var river = feed.Entries[0];
        Assert.Equal("紧急：河道污染", river.Title);
        Assert.Null(river.Link);
        foreach (var forbidden in new[] { "<", "script", "alert", "steal", "evil", "color:red", "onerror", "注释" })
        {
            Assert.DoesNotContain(forbidden, river.Content.Replace("<3", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }

        Assert.StartsWith("东河桥下游河水发黑&发臭，", river.Content);
        Assert.Contains("请 环保部门查看 <3", river.Content);
        Assert.Contains("地点：东河桥\n时间：昨晚", river.Content);

        var controls = feed.Entries[1];
        Assert.Equal("控制字符与双向覆盖字符", controls.Title);
        Assert.DoesNotContain(controls.Content, c => char.IsControl(c) && c != '\n');
        Assert.Equal("第一行[31m\n第二行", controls.Content);
    }

    [Fact]
    public void Duplicate_guids_are_all_read_the_write_path_stores_them_once()
    {
        Assert.Equal(["dup-1", "dup-1", "dup-2"], Parse("duplicate-guids.xml").Entries.Select(e => e.Id));
    }

    [Fact]
    public void Without_a_guid_the_link_identifies_the_entry_and_without_both_its_text_does()
    {
        var feed = Parse("missing-guid.xml");

        Assert.Equal("http://news.beian.example/2026/1128/a.html", FeedEntryMapper.ExternalId(feed.Entries[0]));
        var hashed = FeedEntryMapper.ExternalId(feed.Entries[1]);
        Assert.StartsWith("sha256:", hashed);
        Assert.Equal(hashed, FeedEntryMapper.ExternalId(Parse("missing-guid.xml").Entries[1]));
    }

    [Fact]
    public void A_guid_longer_than_the_column_is_replaced_by_its_stable_hash()
    {
        var entry = new FeedEntry(new string('g', 500), null, "t", "c", null, null, false);

        var id = FeedEntryMapper.ExternalId(entry);

        Assert.True(id.Length <= FeedEntryMapper.MaxExternalId);
        Assert.Equal(id, FeedEntryMapper.ExternalId(entry with { Title = "other" }));
    }

    [Fact]
    public void Html_entities_written_into_the_xml_are_read_as_their_characters()
    {
        var feed = FeedParser.Parse("<rss><channel><item><guid>1</guid><title>停水&nbsp;通知&mdash;新华街&amp;和平路</title></item></channel></rss>", Limits);

        Assert.Equal("停水 通知—新华街&和平路", Assert.Single(feed.Entries).Title);
    }

    [Fact]
    public void An_unknown_entity_is_still_malformed()
    {
        var problem = Assert.Throws<FeedProblemException>(() => FeedParser.Parse("<rss><channel><item><title>&nosuchthing;</title></item></channel></rss>", Limits));

        Assert.Equal(FeedReasons.MalformedXml, problem.Code);
    }

    [Fact]
    public void More_entries_than_the_limit_are_skipped_and_counted()
    {
        var items = string.Concat(Enumerable.Range(0, 5).Select(i => $"<item><guid>{i}</guid><title>第{i}条</title></item>"));

        var feed = FeedParser.Parse($"<rss><channel>{items}</channel></rss>", Limits with { MaxEntries = 3 });

        Assert.Equal(3, feed.Entries.Count);
        Assert.Equal(2, feed.Skipped.Count(s => s.Code == FeedReasons.TooManyEntries));
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused()
    {
        var items = string.Concat(Enumerable.Range(0, 200).Select(i => $"<item><guid>{i}</guid><title>第{i}条</title></item>"));

        var problem = Assert.Throws<FeedProblemException>(() => FeedParser.Parse($"<rss><channel>{items}</channel></rss>", Limits with { MaxDocumentChars = 2_000 }));

        Assert.Equal(FeedReasons.TooLarge, problem.Code);
    }

    [Theory]
    [InlineData("Sat, 28 Nov 2026 08:30:00 GMT", "2026-11-28T08:30:00+00:00")]
    [InlineData("Sat, 28 Nov 2026 16:30:00 +0800", "2026-11-28T16:30:00+08:00")]
    [InlineData("28 Nov 2026 16:30 CST", "2026-11-28T16:30:00+08:00")]
    [InlineData("2026-11-28T08:30:00Z", "2026-11-28T08:30:00+00:00")]
    [InlineData("2026-11-28T16:30:00+08:00", "2026-11-28T16:30:00+08:00")]
    [InlineData("2026-11-28 16:30", "2026-11-28T16:30:00+08:00")]
    [InlineData("2026年11月28日 16:30", "2026-11-28T16:30:00+08:00")]
    public void Dates_are_read_in_the_forms_portals_write(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedParser.ParseDate(text));
    }

    [Fact]
    public void An_unreadable_date_is_left_out_not_fatal()
    {
        Assert.Null(FeedParser.ParseDate("昨天下午"));
    }

    [Theory]
    [InlineData("169.254.169.254", false, true)]
    [InlineData("169.254.0.23", false, true)]
    [InlineData("100.100.100.200", false, true)]
    [InlineData("::ffff:169.254.169.254", false, true)]
    [InlineData("fe80::1", false, true)]
    [InlineData("0.0.0.0", false, true)]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("192.168.1.10", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("10.1.2.3", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("202.96.128.86", true, false)]
    public void Link_local_metadata_and_loopback_addresses_are_refused_private_ones_on_request(string address, bool blockPrivate, bool blocked)
    {
        Assert.Equal(blocked, NetworkGuard.IsBlocked(IPAddress.Parse(address), blockPrivate));
    }
}
