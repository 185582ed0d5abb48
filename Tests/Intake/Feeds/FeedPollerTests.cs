using System.Text;
using OpinionResponse.App.Features.Feeds;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Feeds;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Intake.Feeds;

/// <summary>The poller against a real local HTTP server and the real app on SQLite, one poll at a time.</summary>
[Collection(FeedDesk.Name)]
public class FeedPollerTests(FeedDesk desk)
{
    private FeedFixtureServer Server => desk.Server;

    [Fact]
    public async Task New_entries_are_stored_once_across_two_polls()
    {
        var key = desk.Key("rss2");
        var unitId = await desk.App.UnitIdAsync(DemoAccounts.Construction);
        var feedId = await desk.AddFeedAsync(Server.Map(key, new FeedRoute("rss2.xml", Validators: false)), "镇政府门户", channel: Channel.PortalSite, unitId: unitId);

        var first = await desk.PollAsync(feedId);
        var second = await desk.PollAsync(feedId);

        Assert.Equal((FeedPollStatus.Read, 3), (first.Status, first.Taken));
        Assert.Equal((FeedPollStatus.Read, 0), (second.Status, second.Taken));
        Assert.Equal(2, Server.RequestsFor(key).Count(r => r.Answer == 200));
        var items = await desk.ItemsOfAsync(feedId);
        Assert.Equal(3, items.Count);
        var noise = items.Single(i => i.ExternalId == "beian-hd-2026-001");
        Assert.Equal("滨江小区居民反映夜间施工噪音扰民", noise.Title);
        Assert.Equal("滨江小区三期工地连续多晚施工到凌晨两点，严重影响居民休息。", noise.Content);
        Assert.Equal(Channel.PortalSite, noise.Channel);
        Assert.Equal(unitId, noise.SuggestedUnitId);
        Assert.Equal("镇政府门户", noise.CollectedBy);
        Assert.Equal("http://www.beian.gov.cn/hd/2026/1128/001.html", noise.Url);
        Assert.Equal(new DateTime(2026, 11, 28, 0, 30, 0, DateTimeKind.Utc), noise.PublishedAt);
        var feed = await desk.FeedAsync(feedId);
        Assert.Equal(3, feed.ItemsTaken);
        Assert.NotNull(feed.LastSuccessAt);
        Assert.Equal(0, feed.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_conditional_get_sends_the_stored_validators_and_a_304_stores_nothing()
    {
        var key = desk.Key("conditional");
        var feedId = await desk.AddFeedAsync(Server.Map(key, new FeedRoute("atom.xml", ContentType: "application/atom+xml")), "北岸论坛");

        var first = await desk.PollAsync(feedId);
        var stored = await desk.FeedAsync(feedId);
        var second = await desk.PollAsync(feedId);

        Assert.Equal((FeedPollStatus.Read, 2), (first.Status, first.Taken));
        Assert.Equal(FeedPollStatus.NotModified, second.Status);
        var requests = Server.RequestsFor(key);
        Assert.Equal([200, 304], requests.Select(r => r.Answer));
        Assert.Null(requests[0].IfNoneMatch);
        Assert.Equal(stored.ETag, requests[1].IfNoneMatch);
        Assert.Equal(FeedFixtureServer.ETagOf(await File.ReadAllBytesAsync(FeedFixtureServer.FixturePath("atom.xml"))), stored.ETag);
        Assert.Equal(FeedFixtureServer.LastModified, DateTimeOffset.Parse(requests[1].IfModifiedSince!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, (await desk.ItemsOfAsync(feedId)).Count);
        var feed = await desk.FeedAsync(feedId);
        Assert.Equal(2, feed.ItemsTaken);
        Assert.True(feed.LastSuccessAt >= stored.LastSuccessAt);

        // The portal publishes something new: the validators no longer match and the new entries are taken.
        Server.Map(key, new FeedRoute("duplicate-guids.xml"));
        var third = await desk.PollAsync(feedId);
        Assert.Equal((FeedPollStatus.Read, 2), (third.Status, third.Taken));
        Assert.Equal(4, (await desk.ItemsOfAsync(feedId)).Count);
    }

    [Fact]
    public async Task Malformed_and_hostile_feeds_record_their_reasons_and_the_good_feed_still_polls()
    {
        var hugeBody = Encoding.UTF8.GetBytes("<rss><channel>" + new string(' ', 2 * 1024 * 1024) + "</channel></rss>");
        var bad = new (string Name, string Url, string Code)[]
        {
            ("laughs", Server.Map(desk.Key("laughs"), new FeedRoute("billion-laughs.xml")), FeedReasons.HostileXml),
            ("xxe", Server.Map(desk.Key("xxe"), new FeedRoute("xxe.xml")), FeedReasons.HostileXml),
            ("malformed", Server.Map(desk.Key("malformed"), new FeedRoute("malformed.xml")), FeedReasons.MalformedXml),
            ("encoding", Server.Map(desk.Key("encoding"), new FeedRoute("wrong-encoding.xml")), FeedReasons.Encoding),
            ("html", Server.Map(desk.Key("html"), new FeedRoute("not-a-feed.html", ContentType: "text/html")), FeedReasons.HtmlPage),
            ("status", Server.Map(desk.Key("status"), new FeedRoute("rss2.xml", Status: 503)), FeedReasons.HttpStatus),
            ("slow", Server.Map(desk.Key("slow"), new FeedRoute("rss2.xml", Delay: TimeSpan.FromSeconds(5))), FeedReasons.Timeout),
            ("big", Server.Map(desk.Key("big"), new FeedRoute("rss2.xml", Body: hugeBody)), FeedReasons.TooLarge),
            // A metadata address given directly is refused at save (FeedAddressTests); redirected to, by the fetcher.
            ("redirect", Server.Map(desk.Key("redirect"), new FeedRoute("rss2.xml", RedirectTo: "http://169.254.169.254/latest/meta-data/")), FeedReasons.BlockedAddress),
        };
        var badIds = new List<(int Id, string Name, string Code)>();
        foreach (var (name, url, code) in bad)
        {
            badIds.Add((await desk.AddFeedAsync(url, $"坏订阅源 {name} {desk.Key("n")}"), name, code));
        }

        var goodId = await desk.AddFeedAsync(Server.Map(desk.Key("good"), new FeedRoute("rss-gb2312.xml")), "网络问政");

        var outcomes = await desk.Poller.PollDueFeedsAsync(DateTime.UtcNow.AddSeconds(1), CancellationToken.None);

        Assert.Equal((FeedPollStatus.Read, 1), outcomes.Where(o => o.FeedId == goodId).Select(o => (o.Status, o.Taken)).Single());
        Assert.Equal("新华街垃圾清运不及时", Assert.Single(await desk.ItemsOfAsync(goodId)).Title);
        foreach (var (id, name, code) in badIds)
        {
            var feed = await desk.FeedAsync(id);
            Assert.True(FeedReasons.Parse(feed.LastError).Code == code, $"{name}: {feed.LastError}");
            Assert.Equal(1, feed.ConsecutiveFailures);
            Assert.NotNull(feed.LastErrorAt);
            Assert.Null(feed.LastSuccessAt);
            Assert.Empty(await desk.ItemsOfAsync(id));
        }
    }

    [Fact]
    public async Task Skipped_entries_are_counted_with_their_reason_and_long_ones_are_shortened()
    {
        var feedId = await desk.AddFeedAsync(Server.Map(desk.Key("huge"), new FeedRoute("huge-entry.xml")), "超长条目");

        var outcome = await desk.PollAsync(feedId);

        Assert.Equal((FeedPollStatus.Read, 2, 1), (outcome.Status, outcome.Taken, outcome.Skipped));
        var feed = await desk.FeedAsync(feedId);
        Assert.Equal(1, feed.EntriesSkipped);
        Assert.NotNull(feed.LastSkipReason);
        var items = await desk.ItemsOfAsync(feedId);
        Assert.Equal(["huge-long-text", "huge-normal"], items.Select(i => i.ExternalId));
        Assert.Equal(20_000, items[0].Content.Length);
    }

    [Fact]
    public async Task Html_and_scripts_are_stored_as_plain_text_and_unsafe_links_dropped()
    {
        var feedId = await desk.AddFeedAsync(Server.Map(desk.Key("script"), new FeedRoute("html-script.xml")), "带脚本的订阅源");

        await desk.PollAsync(feedId);

        var items = await desk.ItemsOfAsync(feedId);
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.DoesNotContain("<script", i.Content, StringComparison.OrdinalIgnoreCase));
        Assert.All(items, i => Assert.DoesNotContain(i.Content, c => char.IsControl(c) && c != '\n'));
        Assert.Null(items[0].Url);
        Assert.Equal("紧急：河道污染", items[0].Title);
    }

    [Fact]
    public async Task Duplicate_guids_in_one_answer_and_entries_without_guid_are_each_stored_once()
    {
        var duplicates = await desk.AddFeedAsync(Server.Map(desk.Key("dups"), new FeedRoute("duplicate-guids.xml", Validators: false)), "重复");
        var missing = await desk.AddFeedAsync(Server.Map(desk.Key("noguid"), new FeedRoute("missing-guid.xml", Validators: false)), "无 guid");

        await desk.PollAsync(duplicates);
        await desk.PollAsync(missing);
        await desk.PollAsync(missing);

        Assert.Equal(["dup-1", "dup-2"], (await desk.ItemsOfAsync(duplicates)).Select(i => i.ExternalId));
        var stored = await desk.ItemsOfAsync(missing);
        Assert.Equal(2, stored.Count);
        Assert.Equal("http://news.beian.example/2026/1128/a.html", stored[0].ExternalId);
        Assert.StartsWith("sha256:", stored[1].ExternalId);
    }

    [Fact]
    public async Task Failures_back_off_exponentially_up_to_the_cap_and_a_success_resets_the_interval()
    {
        var key = desk.Key("flaky");
        var feedId = await desk.AddFeedAsync(Server.Map(key, new FeedRoute("rss2.xml", Status: 500)), "时好时坏", intervalMinutes: 60);
        var now = OpinionResponse.Infrastructure.Data.StoredPrecisionClock.Truncate(DateTime.UtcNow.AddMinutes(1));
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(FeedPollStatus.Failed, (await desk.PollAsync(feedId, now)).Status);
            var feed = await desk.FeedAsync(feedId);
            delays.Add(feed.NextPollAt - now);
            now = feed.NextPollAt;
        }

        // Backed off: a round at the real time leaves it alone.
        Assert.DoesNotContain(await desk.Poller.PollDueFeedsAsync(DateTime.UtcNow, CancellationToken.None), o => o.FeedId == feedId);
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6), TimeSpan.FromHours(6)], delays);
        var failing = (await desk.App.SendAsync(DemoAccounts.Admin, new ListFeeds.Query())).Single(r => r.Id == feedId);
        Assert.Equal((FeedHealth.Failing, 4), (failing.Health, failing.ConsecutiveFailures));
        Assert.Equal(FeedReasons.HttpStatus, FeedReasons.Parse(failing.LastError).Code);

        Server.Map(key, new FeedRoute("rss2.xml"));
        Assert.Equal(FeedPollStatus.Read, (await desk.PollAsync(feedId, now)).Status);

        var recovered = await desk.FeedAsync(feedId);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal(now.AddHours(1), recovered.NextPollAt);
        Assert.Equal(3, recovered.ItemsTaken);
    }

    [Fact]
    public async Task A_feed_that_cannot_succeed_is_marked_permanent_and_tried_a_day_later_while_a_glitch_backs_off_exponentially()
    {
        var html = await desk.AddFeedAsync(Server.Map(desk.Key("html-page"), new FeedRoute("not-a-feed.html", ContentType: "text/html")), "登录页", intervalMinutes: 15);
        var gone = await desk.AddFeedAsync(Server.Map(desk.Key("gone"), new FeedRoute("rss2.xml", Status: 410)), "已下线", intervalMinutes: 15);
        var glitch = await desk.AddFeedAsync(Server.Map(desk.Key("glitch"), new FeedRoute("rss2.xml", Status: 503)), "偶发故障", intervalMinutes: 15);
        var now = OpinionResponse.Infrastructure.Data.StoredPrecisionClock.Truncate(DateTime.UtcNow.AddMinutes(1));

        foreach (var id in new[] { html, gone, glitch })
        {
            Assert.Equal(FeedPollStatus.Failed, (await desk.PollAsync(id, now)).Status);
        }

        Assert.Equal(now.AddDays(1), (await desk.FeedAsync(html)).NextPollAt);
        Assert.Equal(now.AddDays(1), (await desk.FeedAsync(gone)).NextPollAt);
        Assert.Equal(now.AddMinutes(30), (await desk.FeedAsync(glitch)).NextPollAt);
        var rows = (await desk.App.SendAsync(DemoAccounts.Admin, new ListFeeds.Query())).ToDictionary(r => r.Id);
        Assert.Equal((FeedHealth.Broken, FeedHealth.Broken, FeedHealth.Degraded), (rows[html].Health, rows[gone].Health, rows[glitch].Health));

        // The administrator edits the feed (the far side may be fixed): it is read at the next round, not a day later.
        var row = rows[html];
        await desk.App.SendAsync(DemoAccounts.Admin, new UpdateFeed.Command
        {
            FeedId = row.Id, Name = "登录页（已联系网站）", Url = row.Url, Channel = row.Channel, UnitId = row.UnitId,
            IntervalMinutes = row.IntervalMinutes, Enabled = true, AutoAttach = row.AutoAttach,
        });
        Assert.True((await desk.FeedAsync(html)).NextPollAt <= DateTime.UtcNow);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(2, 240)]
    [InlineData(3, 360)]
    [InlineData(50, 360)]
    public void Back_off_doubles_per_failure_and_is_capped(int failures, int minutes)
    {
        var now = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now.AddMinutes(minutes), FeedSchedule.NextPoll(now, 60, failures, TimeSpan.FromHours(6)));
    }

    [Fact]
    public void The_back_off_cap_never_shortens_a_feed_with_a_long_interval()
    {
        var now = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now.AddDays(1), FeedSchedule.NextPoll(now, 24 * 60, 5, TimeSpan.FromHours(6)));
    }
}
