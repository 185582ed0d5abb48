using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

[Collection(TriageDesk.Name)]
public class LogItemTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_duty_officer_logs_a_hotline_call_into_the_queue()
    {
        var title = $"{Desk.Tag()} 江堤路灯不亮";

        var id = await desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Hotline,
            Title = $"  {title}  ",
            Content = "来电反映江堤路灯连续一周不亮，夜间行人摔倒。",
            Author = "李女士",
            Contact = "13900000000",
            Location = "江堤路",
            SuggestedUnitId = desk.Unit(DemoAccounts.Construction),
        });

        var item = await desk.ItemAsync(id);
        Assert.Equal(title, item.Title);
        Assert.Equal(Channel.Hotline, item.Channel);
        Assert.Equal("13900000000", item.Contact);
        Assert.Equal(desk.Unit(DemoAccounts.Construction), item.SuggestedUnitId);
        Assert.Equal(TriageStatus.New, item.Status);
        Assert.Equal(DemoAccounts.Duty.DisplayName, item.CollectedBy);
        Assert.Equal(DateTimeKind.Utc, item.CollectedAt.Kind);
        Assert.True(item.RaisedByReachablePerson);
        var queue = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: title));
        Assert.Equal(id, Assert.Single(queue.Items).Id);
    }

    [Fact]
    public async Task A_logged_short_video_keeps_its_platform_and_the_queue_row_shows_it()
    {
        var title = $"{Desk.Tag()} 网友拍摄河道排污视频";

        var id = await desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.ShortVideo,
            Platform = " 抖音 ",
            Title = title,
            Content = "视频显示河道有排污口，水面发黑。",
        });

        Assert.Equal((Channel.ShortVideo, "抖音"), ((await desk.ItemAsync(id)).Channel, (await desk.ItemAsync(id)).Platform));
        var row = Assert.Single((await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: title))).Items);
        Assert.Equal("抖音", row.Platform);
        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.ShortVideo, Platform = new string('抖', 41), Title = title, Content = "过长的平台名",
        }), nameof(LogItem.Command.Platform));
    }

    [Fact]
    public async Task A_logged_item_keeps_when_it_was_published_and_the_queue_row_carries_it()
    {
        var title = $"{Desk.Tag()} 三天前的帖子";
        var published = new DateTime(2026, 12, 1, 1, 8, 0, DateTimeKind.Utc);

        var id = await desk.SendAsync(DemoAccounts.Duty, new LogItem.Command { Channel = Channel.Forum, Title = title, Content = "巡查发现三天前的论坛帖子。", PublishedAt = published });

        Assert.Equal(published, (await desk.ItemAsync(id)).PublishedAt);
        var row = Assert.Single((await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: title))).Items);
        Assert.Equal(published, row.PublishedAt);
    }

    [Fact]
    public async Task A_press_officer_cannot_log_an_item()
    {
        var before = await desk.ItemCountAsync();

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new LogItem.Command
        {
            Channel = Channel.Weibo,
            Title = "微博转发",
            Content = "内容",
        }));

        Assert.Equal(before, await desk.ItemCountAsync());
    }

    [Fact]
    public async Task An_empty_title_is_refused_naming_the_title_and_nothing_is_stored()
    {
        var before = await desk.ItemCountAsync();
        var lastAudit = await desk.LastAuditIdAsync();

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Hotline,
            Title = "",
            Content = "来电内容",
            Contact = "13800000000",
        }), "Title");

        Assert.Equal(before, await desk.ItemCountAsync());
        var audit = Assert.Single(await desk.AuditSinceAsync(lastAudit));
        Assert.Equal(AuditOutcome.Invalid, audit.Outcome);
        Assert.Equal("LogItem.Command", audit.Action);
    }

    [Fact]
    public async Task A_hotline_call_without_a_contact_is_refused_naming_the_contact()
    {
        var before = await desk.ItemCountAsync();

        var error = await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Hotline,
            Title = "来电反映噪音扰民",
            Content = "夜间施工噪音",
            Contact = " ",
        }), "Contact");

        Assert.All(error.Errors, e => Assert.Equal("Contact", e.PropertyName));
        Assert.Equal(before, await desk.ItemCountAsync());
    }

    [Fact]
    public async Task Control_characters_in_the_content_are_refused_naming_the_content()
    {
        var before = await desk.ItemCountAsync();

        var error = await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Forum,
            Title = "论坛帖子",
            Content = "第一行\n第二行\u0007\u001b[31m",
        }), "Content");

        Assert.All(error.Errors, e => Assert.Equal("Content", e.PropertyName));
        Assert.Equal(before, await desk.ItemCountAsync());
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused_naming_the_url()
    {
        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Forum,
            Title = "论坛帖子",
            Content = "内容",
            Url = "javascript:alert(1)",
        }), "Url");
    }

    [Fact]
    public async Task Tabs_and_newlines_in_the_content_are_kept()
    {
        var id = await desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Forum,
            Title = $"{Desk.Tag()} 论坛帖子",
            Content = "第一行\r\n\t第二行",
        });

        await using var db = await desk.App.CreateDbContextAsync();
        Assert.Equal("第一行\r\n\t第二行", await db.Items.Where(i => i.Id == id).Select(i => i.Content).SingleAsync());
    }
}
