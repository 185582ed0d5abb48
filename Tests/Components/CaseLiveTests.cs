using Bunit;
using Bunit.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Notifications;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>
/// A case page shows who else is viewing it and every change anyone makes, live; the bell counts what is new.
/// The changes come through the real hub from the real mediator; the test never re-renders the page itself.
/// </summary>
public class CaseLiveTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private PresenceTracker Presence => App.Services.GetRequiredService<PresenceTracker>();

    [Fact]
    public async Task The_presence_list_shows_another_user_who_opens_the_same_case_and_drops_them_when_they_leave()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        var chief = SignIn(DemoAccounts.Chief);
        var page = RenderCase(id);
        Assert.Empty(page.FindAll("[data-testid=presence-viewer]"));

        var analyst = Desk.Actor(DemoAccounts.Analyst);
        var membership = Presence.Join(id, analyst.UserId, analyst.DisplayName);

        page.WaitForAssertion(() =>
        {
            var viewer = Assert.Single(page.FindAll("[data-testid=presence-viewer]"));
            Assert.Equal("李娜", viewer.GetAttribute("data-user-name"));
            Assert.Equal("李", viewer.TextContent.Trim());
        }, Live);
        Assert.Contains(Presence.ViewersOf(id), v => v.UserId == chief.UserId);

        membership.Dispose();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=presence-viewer]")), Live);
    }

    [Fact]
    public async Task Closing_the_page_leaves_the_case()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        var chief = SignIn(DemoAccounts.Chief);
        RenderCase(id);
        Assert.Contains(Presence.ViewersOf(id), v => v.UserId == chief.UserId);

        await Context.DisposeComponentsAsync();

        Assert.DoesNotContain(Presence.ViewersOf(id), v => v.UserId == chief.UserId);
    }

    [Fact]
    public async Task A_comment_by_another_user_appears_without_a_reload_and_says_who_made_the_change()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Chief);
        var page = RenderCase(id);
        var version = page.Find("[data-testid=case-page]").GetAttribute("data-version");

        await Desk.SendAsync(DemoAccounts.Analyst, new AddComment.Command { CaseId = id, Text = "水厂已安排排查，今晚反馈结果" });

        page.WaitForAssertion(() =>
        {
            var comment = Assert.Single(page.FindAll("[data-testid=case-comment]"));
            Assert.Contains("水厂已安排排查，今晚反馈结果", comment.TextContent, StringComparison.Ordinal);
            Assert.NotEqual(version, page.Find("[data-testid=case-page]").GetAttribute("data-version"));
            Assert.Contains("李娜 刚刚更新了此事件", page.Markup, StringComparison.Ordinal);
        }, Live);
    }

    [Fact]
    public async Task A_change_by_another_user_keeps_what_the_user_is_typing()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Chief);
        var page = RenderCase(id);
        page.Find("[data-testid=comment-box]").Input("我的草稿，尚未发送");

        await Desk.SendAsync(DemoAccounts.Analyst, new AddComment.Command { CaseId = id, Text = "李娜的评论" });

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=case-comment]")), Live);
        Assert.Equal("我的草稿，尚未发送", page.Find("[data-testid=comment-box]").GetAttribute("value"));
    }

    [Fact]
    public async Task Typing_an_at_sign_offers_colleagues_and_picking_one_writes_their_name()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = RenderCase(id);

        page.Find("[data-testid=comment-box]").Input("请 @王");

        var offered = page.WaitForElements("[data-testid=mention-suggestion]");
        Assert.Equal(["王强"], offered.Select(o => o.GetAttribute("data-user-name")));
        page.Find("[data-testid=mention-suggestion]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=mention-suggestions]")));
        Assert.Equal("请 @王强 ", page.Find("[data-testid=comment-box]").GetAttribute("value"));
    }

    [Fact]
    public async Task The_bell_counts_a_new_mention_live()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Chief);
        var bell = RenderPage<NotificationBell>();
        var before = int.Parse(bell.WaitForElement("[data-testid=bell-count]").TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await Desk.SendAsync(DemoAccounts.Analyst, new AddComment.Command { CaseId = id, Text = "@王强 请审阅研判意见" });

        bell.WaitForAssertion(() => Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            bell.Find("[data-testid=bell-count]").TextContent.Trim()), Live);
    }

    [Fact]
    public async Task A_resync_after_the_link_to_the_other_nodes_came_back_re_reads_the_case_page_naming_nobody()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Chief);
        var page = RenderCase(id);

        // Changed on another node while Redis was down: the row is there, the event was lost.
        const string summary = "城建办已到场处置（另一节点在 Redis 中断期间保存）";
        await using (var db = await App.CreateDbContextAsync())
        {
            await db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Summary, summary));
        }

        await Task.Delay(700);
        Assert.DoesNotContain(summary, page.Find("[data-testid=case-summary]").TextContent, StringComparison.Ordinal);

        await ResyncAsync();

        page.WaitForAssertion(() => Assert.Equal(summary, page.Find("[data-testid=case-summary]").TextContent.Trim()), Live);
        Assert.DoesNotContain("刚刚更新了此事件", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resync_after_the_link_to_the_other_nodes_came_back_re_reads_the_bell()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        var chief = SignIn(DemoAccounts.Chief);
        var bell = RenderPage<NotificationBell>();
        var before = int.Parse(bell.WaitForElement("[data-testid=bell-count]").TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await using (var db = await App.CreateDbContextAsync())
        {
            db.Notifications.Add(new OpinionResponse.Infrastructure.Notifications.Notification
            {
                UserId = chief.UserId, Kind = OpinionResponse.Infrastructure.Notifications.NotificationKind.Mention, CaseId = id, CaseNumber = "X",
                CaseTitle = "X", ActorName = "李娜", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await Task.Delay(700);
        Assert.Equal(before.ToString(System.Globalization.CultureInfo.InvariantCulture), bell.Find("[data-testid=bell-count]").TextContent.Trim());

        await ResyncAsync();

        bell.WaitForAssertion(() => Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            bell.Find("[data-testid=bell-count]").TextContent.Trim()), Live);
    }

    /// <summary>What the Redis hub raises on this node when its link to the others comes back.</summary>
    private async Task ResyncAsync()
    {
        var hub = App.Services.GetRequiredService<OpinionResponse.Infrastructure.Live.ILiveEventHub>();
        foreach (var resync in OpinionResponse.Infrastructure.Live.LiveEvent.ResyncEvents())
        {
            await hub.PublishAsync(resync);
        }
    }

    private IRenderedComponent<ContainerFragment> RenderCase(int id)
    {
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));
        page.WaitForElement("[data-testid=case-page]");
        return page;
    }
}
