using Bunit;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Feeds;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake.Feeds;

/// <summary>/admin/feeds over the real app's services: health in words and colour, the add dialog, poll now.</summary>
public class FeedsPageTests(FeedsPageTests.Fixture fixture, FeedFixtureServer server)
    : ComponentTest(fixture), IClassFixture<FeedsPageTests.Fixture>, IClassFixture<FeedFixtureServer>
{
    /// <summary>
    /// The component app allowing the loopback fixture server as a feed host, with the background poll loop off: the
    /// tests poll themselves (a background poll first would make "poll now" find the feed unchanged).
    /// </summary>
    public sealed class Fixture() : ComponentFixture(new TestApp
    {
        Settings = { ["Feeds:AllowedHosts:0"] = FeedFixtureServer.Host, ["Feeds:Enabled"] = "false" },
    });

    private FeedPoller Poller => App.Services.GetRequiredService<FeedPoller>();

    private async Task<int> AddAsync(string name, FeedRoute route) =>
        await Desk.SendAsync(DemoAccounts.Admin, new AddFeed.Command { Name = name, Url = server.Map($"{name}-{Guid.NewGuid():N}", route), Channel = Channel.Forum });

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ContainerFragment> page, string name) =>
        page.Find($"[data-testid=feed-row][data-name='{name}']");

    [Fact]
    public async Task The_table_shows_each_feeds_health_in_words_with_the_last_error()
    {
        var good = await AddAsync("健康的源", new FeedRoute("rss2.xml"));
        var broken = await AddAsync("出错的源", new FeedRoute("rss2.xml", Status: 503));
        await Poller.PollFeedAsync(good, DateTime.UtcNow, CancellationToken.None);
        await Poller.PollFeedAsync(broken, DateTime.UtcNow, CancellationToken.None);
        SignIn(DemoAccounts.Admin);

        var page = RenderPage<FeedsPage>();

        page.WaitForAssertion(() =>
        {
            var healthy = Row(page, "健康的源");
            Assert.Equal(nameof(FeedHealth.Healthy), healthy.GetAttribute("data-health"));
            Assert.Equal(Text("FeedHealth.Healthy"), healthy.QuerySelector("[data-testid=feed-health]")!.TextContent.Trim());
            Assert.Equal("3", healthy.QuerySelector("[data-testid=feed-items]")!.TextContent.Trim());
            var failing = Row(page, "出错的源");
            Assert.Equal(nameof(FeedHealth.Degraded), failing.GetAttribute("data-health"));
            Assert.Contains("feed-health-Degraded", failing.QuerySelector("[data-testid=feed-health]")!.ClassList);
            Assert.Contains(Text("FeedReason.http_status"), failing.QuerySelector("[data-testid=feed-last-error]")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("503", failing.QuerySelector("[data-testid=feed-last-error]")!.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Reasons_are_in_the_users_words_with_sizes_in_MB_and_the_table_filters_and_sorts_by_health()
    {
        var big = await AddAsync("超大的源", new FeedRoute("rss2.xml", Body: new byte[6 * 1024 * 1024 + 300_000], SendLength: true));
        var html = await AddAsync("网页不是源", new FeedRoute("not-a-feed.html", ContentType: "text/html"));
        var good = await AddAsync("一切正常的源", new FeedRoute("rss2.xml"));
        foreach (var id in new[] { big, html, good })
        {
            await Poller.PollFeedAsync(id, DateTime.UtcNow, CancellationToken.None);
        }

        SignIn(DemoAccounts.Admin);
        var page = RenderPage<FeedsPage>();

        page.WaitForAssertion(() =>
        {
            var tooLarge = Row(page, "超大的源").QuerySelector("[data-testid=feed-last-error]")!.TextContent.Trim();
            Assert.Contains($"{Text("FeedReason.too_large")}（6.3 MB，上限 5 MB）", tooLarge, StringComparison.Ordinal);
            Assert.DoesNotContain("bytes", tooLarge, StringComparison.Ordinal);
            Assert.DoesNotContain("…", tooLarge, StringComparison.Ordinal);
            var broken = Row(page, "网页不是源");
            Assert.Equal(nameof(FeedHealth.Broken), broken.GetAttribute("data-health"));
            Assert.Equal("永久失败", broken.QuerySelector("[data-testid=feed-health]")!.TextContent.Trim());
            Assert.NotNull(broken.QuerySelector("[data-testid=feed-broken-hint]"));
            Assert.Contains(Text("FeedReason.html_page"), broken.QuerySelector("[data-testid=feed-last-error]")!.TextContent, StringComparison.Ordinal);
        });

        page.Find("[data-testid=feeds-filter-health]").Change(nameof(FeedHealth.Broken));
        page.WaitForAssertion(() => Assert.All(page.FindAll("[data-testid=feed-row]"), r => Assert.Equal(nameof(FeedHealth.Broken), r.GetAttribute("data-health"))));
        Assert.Contains(page.FindAll("[data-testid=feed-row]"), r => r.GetAttribute("data-name") == "网页不是源");

        page.Find("[data-testid=feeds-filter-health]").Change(string.Empty);
        page.Find("[data-testid=feeds-sort]").Change("health");
        page.WaitForAssertion(() =>
        {
            var healths = page.FindAll("[data-testid=feed-row]").Select(r => Enum.Parse<FeedHealth>(r.GetAttribute("data-health")!)).ToList();
            Assert.Equal(healths.Order().ToList(), healths);
            Assert.Equal(FeedHealth.Broken, healths[0]);
        });
    }

    [Theory]
    [InlineData("too_large: 18000384|5242880", "内容超过大小上限（17.2 MB，上限 5 MB）")]
    [InlineData("http_status: 404", "服务器返回错误（HTTP 404）")]
    [InlineData("network: @FeedNetwork.NameResolutionError", "网络错误（域名无法解析）")]
    [InlineData("malformed_xml: 12|5", "XML 格式错误（第 12 行第 5 列）")]
    [InlineData("entry_invalid: 1001|@Field.Title,@Field.Content", "条目未通过校验，已跳过（1001：标题、内容）")]
    // Stored by an older version in English: the words only, never the English text.
    [InlineData("too_large: 18000384 bytes, the limit is 5242880", "内容超过大小上限")]
    [InlineData("malformed_xml: Unexpected end of file has occurred. The following elements are not closed: channel, rss. Line 12, position 1.", "XML 格式错误")]
    [InlineData("network: Connection refused (feeds.example:80)", "网络错误")]
    [InlineData("http_status: 503 Service Unavailable", "服务器返回错误")]
    [InlineData("unexpected: IOException: The response ended prematurely.", "意外错误")]
    public void A_stored_reason_reads_in_chinese_with_sizes_in_MB_and_no_English(string stored, string shown)
    {
        SignIn(DemoAccounts.Admin);

        Assert.Equal(shown, FeedReasonText.Describe(App.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<OpinionResponse.App.SharedResource>>(), stored));
    }

    [Fact]
    public async Task Adding_a_url_that_exists_keeps_the_dialog_open_with_the_error_on_the_url()
    {
        var url = server.Map($"taken-{Guid.NewGuid():N}", new FeedRoute("rss2.xml"));
        await Desk.SendAsync(DemoAccounts.Admin, new AddFeed.Command { Name = "已有的源", Url = url });
        SignIn(DemoAccounts.Admin);
        var page = RenderPage<FeedsPage>();
        page.WaitForElement("[data-testid=feed-add]").Click();
        page.WaitForElement("[data-testid=feed-dialog]");

        page.Find("[data-testid=feed-name]").Change("新的源");
        page.Find("[data-testid=feed-url]").Change(url);
        page.Find("[data-testid=dialog-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal(Text("Feeds.UrlTaken"), FieldError(page, "feed-url")));
        Assert.Single(page.FindAll("[data-testid=feed-dialog]"));
        Assert.Equal("新的源", page.Find("[data-testid=feed-name]").GetAttribute("value"));

        var other = server.Map($"fresh-{Guid.NewGuid():N}", new FeedRoute("rss2.xml"));
        page.Find("[data-testid=feed-url]").Change(other);
        page.Find("[data-testid=dialog-submit]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=feed-dialog]"));
            Assert.Equal(nameof(FeedHealth.Waiting), Row(page, "新的源").GetAttribute("data-health"));
        });
    }

    [Fact]
    public async Task Poll_now_reads_the_feed_and_says_how_many_items_it_took()
    {
        await AddAsync("立即轮询的源", new FeedRoute("atom.xml", ContentType: "application/atom+xml"));
        SignIn(DemoAccounts.Admin);
        var page = RenderPage<FeedsPage>();

        page.WaitForElement("[data-testid=feed-row][data-name='立即轮询的源'] [data-testid=feed-poll-now]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(nameof(FeedHealth.Healthy), Row(page, "立即轮询的源").GetAttribute("data-health"));
            Assert.Equal("2", Row(page, "立即轮询的源").QuerySelector("[data-testid=feed-items]")!.TextContent.Trim());
        }, TimeSpan.FromSeconds(10));
        Assert.Contains(string.Format(Text("Feeds.PolledRead"), 2, 0), page.Find(".mud-snackbar").TextContent, StringComparison.Ordinal);
    }
}
