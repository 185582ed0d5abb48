using FluentValidation;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Feeds;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Intake.Feeds;

/// <summary>The admin use cases behind /admin/feeds, through the real mediator pipeline.</summary>
[Collection(FeedDesk.Name)]
public class FeedAdminTests(FeedDesk desk)
{
    private FeedFixtureServer Server => desk.Server;

    [Fact]
    public async Task An_admin_adds_a_feed_and_sees_it_waiting_for_its_first_poll()
    {
        var url = Server.Map(desk.Key("added"), new FeedRoute("rss2.xml"));

        var feedId = await desk.AddFeedAsync(url, "北岸论坛民生版", intervalMinutes: 10, channel: Channel.Forum);

        var row = (await desk.App.SendAsync(DemoAccounts.Admin, new ListFeeds.Query())).Single(r => r.Id == feedId);
        Assert.Equal(("北岸论坛民生版", url, Channel.Forum, 10, true), (row.Name, row.Url, row.Channel, row.IntervalMinutes, row.Enabled));
        Assert.Equal(FeedHealth.Waiting, row.Health);
        Assert.Equal("孙磊", (await desk.FeedAsync(feedId)).CreatedBy);
    }

    [Fact]
    public async Task A_duty_officer_may_not_see_or_change_feeds()
    {
        var feedId = await desk.AddFeedAsync(Server.Map(desk.Key("guarded"), new FeedRoute("rss2.xml")), "受保护的订阅源");
        var duty = DemoAccounts.Duty;

        await Assert.ThrowsAsync<ForbiddenException>(() => desk.App.SendAsync(duty, new ListFeeds.Query()));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.App.SendAsync(duty, new AddFeed.Command { Name = "x", Url = "http://127.0.0.1/x" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.App.SendAsync(duty, new UpdateFeed.Command { FeedId = feedId, Name = "x", Url = "http://127.0.0.1/x" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.App.SendAsync(duty, new SetFeedEnabled.Command(feedId, false)));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.App.SendAsync(duty, new PollFeedNow.Command(feedId)));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.App.SendAsync(duty, new RemoveFeed.Command(feedId)));

        var feed = await desk.FeedAsync(feedId);
        Assert.Equal(("受保护的订阅源", true), (feed.Name, feed.Enabled));
    }

    [Theory]
    [InlineData("ftp://portal.example/rss.xml", 15, "Url")]
    [InlineData("file:///etc/passwd", 15, "Url")]
    [InlineData("not a url", 15, "Url")]
    [InlineData("http://portal.example/rss.xml", 0, "IntervalMinutes")]
    public async Task A_feed_needs_an_http_url_and_an_interval_of_a_minute_or_more(string url, int interval, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            desk.App.SendAsync(DemoAccounts.Admin, new AddFeed.Command { Name = "无效", Url = url, IntervalMinutes = interval }));

        Assert.Equal([field], error.Errors.Select(e => e.PropertyName).Distinct());
    }

    [Fact]
    public async Task The_same_url_cannot_be_added_twice_and_the_refusal_says_so()
    {
        var url = Server.Map(desk.Key("unique"), new FeedRoute("rss2.xml"));
        await desk.AddFeedAsync(url, "第一次");

        var error = await Assert.ThrowsAsync<ValidationException>(() => desk.AddFeedAsync(url, "第二次"));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Url", failure.PropertyName);
        Assert.Contains(failure.ErrorMessage, new[] { "该订阅源地址已存在。", "A feed with this URL already exists." });
    }

    [Fact]
    public async Task Editing_a_feeds_url_forgets_the_old_validators_and_polls_it_again()
    {
        var feedId = await desk.AddFeedAsync(Server.Map(desk.Key("before"), new FeedRoute("rss2.xml")), "改地址前");
        await desk.PollAsync(feedId);
        Assert.NotNull((await desk.FeedAsync(feedId)).ETag);
        var newUrl = Server.Map(desk.Key("after"), new FeedRoute("atom.xml"));

        await desk.App.SendAsync(DemoAccounts.Admin, new UpdateFeed.Command
        {
            FeedId = feedId,
            Name = "改地址后",
            Url = newUrl,
            Channel = Channel.Forum,
            IntervalMinutes = 30,
            Enabled = true,
            AutoAttach = true,
        });

        var feed = await desk.FeedAsync(feedId);
        Assert.Equal(("改地址后", newUrl, 30, true), (feed.Name, feed.Url, feed.IntervalMinutes, feed.AutoAttach));
        Assert.Null(feed.ETag);
        Assert.True(feed.NextPollAt <= DateTime.UtcNow);
        var outcome = await desk.App.SendAsync(DemoAccounts.Admin, new PollFeedNow.Command(feedId));
        Assert.Equal((FeedPollStatus.Read, 2), (outcome.Status, outcome.Taken));
        Assert.All((await desk.ItemsOfAsync(feedId)).Where(i => i.Channel == Channel.Forum && i.ExternalId!.StartsWith("tag:", StringComparison.Ordinal)),
            i => Assert.Equal("改地址后", i.CollectedBy));
    }

    [Fact]
    public async Task A_disabled_feed_is_not_polled_and_a_removed_one_leaves_its_items()
    {
        var feedId = await desk.AddFeedAsync(Server.Map(desk.Key("toggle"), new FeedRoute("rss-gbk.xml")), "停用再删除");

        await desk.App.SendAsync(DemoAccounts.Admin, new SetFeedEnabled.Command(feedId, false));
        var skipped = await desk.Poller.PollDueFeedsAsync(DateTime.UtcNow.AddSeconds(1), CancellationToken.None);
        await desk.App.SendAsync(DemoAccounts.Admin, new SetFeedEnabled.Command(feedId, true));
        var polled = await desk.Poller.PollDueFeedsAsync(DateTime.UtcNow.AddSeconds(1), CancellationToken.None);
        await desk.App.SendAsync(DemoAccounts.Admin, new RemoveFeed.Command(feedId));

        Assert.DoesNotContain(skipped, o => o.FeedId == feedId);
        Assert.Contains(polled, o => o.FeedId == feedId && o.Taken == 1);
        Assert.DoesNotContain(await desk.App.SendAsync(DemoAccounts.Admin, new ListFeeds.Query()), r => r.Id == feedId);
        Assert.Single(await desk.ItemsOfAsync(feedId));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.App.SendAsync(DemoAccounts.Admin, new PollFeedNow.Command(feedId)));
    }
}
