using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Components.Layout;
using OpinionResponse.App.Features.Notifications;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>
/// The shell and the triage toolbar are plain markup and native controls (memory per circuit): what the MudBlazor
/// components did for them — the current page's link, links by role, the bell's menu, the search's pause, the channel
/// select, the pager — is tested here.
/// </summary>
public class ShellTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public void The_navigation_marks_the_page_shown_and_follows_navigation()
    {
        SignIn(DemoAccounts.Duty);
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("triage");
        var nav = Context.Render<NavMenu>();

        Assert.Equal("page", nav.Find("[data-testid=nav-triage]").GetAttribute("aria-current"));
        Assert.Null(nav.Find("[data-testid=nav-cases]").GetAttribute("aria-current"));

        navigation.NavigateTo("cases/12");

        nav.WaitForAssertion(() => Assert.Equal("page", nav.Find("[data-testid=nav-cases]").GetAttribute("aria-current")));
        Assert.Null(nav.Find("[data-testid=nav-triage]").GetAttribute("aria-current"));
        Assert.Contains("active", nav.Find("[data-testid=nav-cases]").ClassList);
    }

    [Theory]
    [InlineData("duty", true, false, true)]
    [InlineData("admin", false, true, false)]
    [InlineData("supervisor", false, false, true)]
    public void Links_follow_the_roles(string userName, bool import, bool admin, bool cases)
    {
        SignIn(DemoAccounts.All.Single(a => a.UserName == userName));

        var nav = Context.Render<NavMenu>();

        Assert.Equal(import, nav.FindAll("[data-testid=nav-import]").Count == 1);
        Assert.Equal(admin, nav.FindAll("[data-testid=nav-admin]").Count == 1);
        Assert.Equal(admin, nav.FindAll("[data-testid=nav-api-keys]").Count == 1);
        // An administrator does not read cases (the case queries refuse them): the menu does not offer the list.
        Assert.Equal(cases, nav.FindAll("[data-testid=nav-cases]").Count == 1);
    }

    [Fact]
    public void The_bell_opens_its_list_and_closes_on_escape_or_a_click_outside()
    {
        SignIn(DemoAccounts.Chief);
        var bell = RenderPage<NotificationBell>();
        Assert.Empty(bell.FindAll("[data-testid=bell-list]"));

        bell.Find("[data-testid=bell-button]").Click();
        bell.WaitForElement("[data-testid=bell-list]");
        Assert.Equal("true", bell.Find("[data-testid=bell-button]").GetAttribute("aria-expanded"));

        bell.Find("[data-testid=bell]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=bell-list]")));

        bell.Find("[data-testid=bell-button]").Click();
        bell.WaitForElement("[data-testid=bell-list]");
        bell.Find(".bell-backdrop").Click();
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=bell-list]")));
        Assert.Equal("false", bell.Find("[data-testid=bell-button]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task Typing_in_the_search_box_filters_the_queue_once_the_officer_pauses()
    {
        var tag = Desk.Tag();
        var water = await Desk.LogItemAsync($"{tag} 自来水发黄", Channel.Hotline);
        await Desk.LogItemAsync($"{tag} 路灯不亮", Channel.Hotline);
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        page.WaitForElement("[data-testid=triage-row]");

        page.Find("[data-testid=triage-search] input").Input($"{tag} 自来水");

        page.WaitForAssertion(() => Assert.Equal([water], RowIds(page)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Choosing_a_channel_filters_the_queue_and_all_shows_every_channel_again()
    {
        var tag = Desk.Tag();
        var call = await Desk.LogItemAsync($"{tag} 来电", Channel.Hotline);
        var post = await Desk.LogItemAsync($"{tag} 帖子", Channel.Forum);
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        page.WaitForElement("[data-testid=triage-row]");
        page.Find("[data-testid=triage-search] input").Input(tag);
        page.WaitForAssertion(() => Assert.Equal([post, call], RowIds(page)), TimeSpan.FromSeconds(10));

        page.Find("[data-testid=triage-channel]").Change(nameof(Channel.Forum));
        page.WaitForAssertion(() => Assert.Equal([post], RowIds(page)));
        Assert.Equal(nameof(Channel.Forum), page.Find("[data-testid=triage-channel]").GetAttribute("value"));

        page.Find("[data-testid=triage-channel]").Change(string.Empty);
        page.WaitForAssertion(() => Assert.Equal([post, call], RowIds(page)));
    }

    [Fact]
    public async Task The_pager_moves_to_the_next_page_and_back()
    {
        var tag = Desk.Tag();
        var ids = new List<int>();
        for (var i = 0; i < 52; i++)
        {
            ids.Add(await Desk.LogItemAsync($"{tag} 第{i}条", Channel.Forum));
        }

        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        page.WaitForElement("[data-testid=triage-row]");
        page.Find("[data-testid=triage-search] input").Input(tag);
        page.WaitForAssertion(() => Assert.Equal(50, RowIds(page).Count), TimeSpan.FromSeconds(10));
        var pager = page.Find("[data-testid=triage-pager]");
        Assert.Equal("page", pager.QuerySelector("[aria-current=page]")!.GetAttribute("aria-current"));
        Assert.Equal("1", pager.QuerySelector("[aria-current=page]")!.TextContent.Trim());

        page.Find($"[data-testid=triage-pager] [aria-label='{Text("Pager.Next")}']").Click();

        // Newest first: the second page has the two logged first.
        page.WaitForAssertion(() => Assert.Equal([ids[1], ids[0]], RowIds(page)));
        Assert.Equal("2", page.Find("[data-testid=triage-pager] [aria-current=page]").TextContent.Trim());
        Assert.True(page.Find($"[data-testid=triage-pager] [aria-label='{Text("Pager.Next")}']").HasAttribute("disabled"));

        page.Find($"[data-testid=triage-pager] [aria-label='{string.Format(Text("Pager.Page"), 1)}']").Click();
        page.WaitForAssertion(() => Assert.Equal(50, RowIds(page).Count));
        Assert.Equal(ids[^1], RowIds(page)[0]);
    }

    [Fact]
    public async Task On_the_triage_page_the_badge_takes_the_pages_count_and_counts_itself_when_the_page_is_filtered()
    {
        SignIn(DemoAccounts.Duty);
        var feed = Context.Services.GetRequiredService<QueueCountFeed>();
        // An item in the queue before the page opens: the test does not depend on what other tests left in it.
        var first = await Desk.LogItemAsync($"{Desk.Tag()} 打开前", Channel.Forum);
        var nav = Context.Render<NavMenu>();
        var page = RenderPage<TriagePage>();
        page.WaitForAssertion(() => Assert.Contains(first, RowIds(page)), TimeSpan.FromSeconds(10));
        Assert.True(feed.PageReports);

        var id = await Desk.LogItemAsync($"{Desk.Tag()} 徽标随页面", Channel.Forum);
        page.WaitForAssertion(() => Assert.Contains(id, RowIds(page)), TimeSpan.FromSeconds(10));
        var waiting = await Desk.SendAsync(DemoAccounts.Duty, new CountTriageQueue.Query());
        nav.WaitForAssertion(() => Assert.Equal(Badge(waiting), nav.Find("[data-testid=nav-triage-count]").TextContent.Trim()), TimeSpan.FromSeconds(10));

        var tag = Desk.Tag();
        await Desk.LogItemAsync($"{tag} 筛选后", Channel.Forum);
        page.Find("[data-testid=triage-search] input").Input(tag);
        page.WaitForAssertion(() => Assert.Single(RowIds(page)), TimeSpan.FromSeconds(10));
        Assert.False(feed.PageReports);

        // Filtered, the page's total is not the queue's: the navigation counts for itself and still follows new items.
        await Desk.LogItemAsync($"{Desk.Tag()} 另一条", Channel.Forum);
        var now = await Desk.SendAsync(DemoAccounts.Duty, new CountTriageQueue.Query());
        nav.WaitForAssertion(() => Assert.Equal(Badge(now), nav.Find("[data-testid=nav-triage-count]").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }

    private static string Badge(int count) => count > 999 ? "999+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<int> RowIds(IRenderedComponent<Bunit.Rendering.ContainerFragment> page) =>
        page.FindAll("[data-testid=triage-row]").Select(r => int.Parse(r.GetAttribute("data-item-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
