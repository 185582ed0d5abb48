using Bunit;
using Microsoft.AspNetCore.Components.Web;
using OpinionResponse.App.Components.Layout;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>
/// The triage queue and the navigation count follow what anyone does, live, through the real hub: the test
/// only sends commands through the mediator and never re-renders the page itself.
/// </summary>
public class TriageLiveTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task An_item_logged_by_someone_else_appears_in_the_open_queue_with_a_new_mark()
    {
        var before = await LogAsync($"{Desk.Tag()} 打开页面前登记");
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        page.WaitForElement($"[data-testid=triage-row][data-item-id='{before}']");

        var title = $"{Desk.Tag()} 滨江村自来水发黑";
        var arrived = await LogAsync(title, by: DemoAccounts.Analyst);

        page.WaitForAssertion(() =>
        {
            var row = page.Find($"[data-testid=triage-row][data-item-id='{arrived}']");
            Assert.Equal(title, row.QuerySelector(".triage-title")!.TextContent.Trim());
            Assert.Equal(Text("Triage.New"), row.QuerySelector("[data-testid=triage-new]")?.TextContent.Trim());
        }, Live);
        Assert.Equal(arrived.ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.Find("[data-testid=triage-row]").GetAttribute("data-item-id"));
        Assert.Null(page.Find($"[data-testid=triage-row][data-item-id='{before}']").QuerySelector("[data-testid=triage-new]"));
    }

    [Fact]
    public async Task The_new_mark_goes_once_the_officer_selects_the_item()
    {
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        page.WaitForElement("[data-testid=triage-queue]");
        var arrived = await LogAsync($"{Desk.Tag()} 北岸中学门口积水", by: DemoAccounts.Analyst);
        var row = $"[data-testid=triage-row][data-item-id='{arrived}']";
        page.WaitForElement($"{row} [data-testid=triage-new]", Live);

        page.Find(row).RowClick();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("true", page.Find(row).GetAttribute("aria-selected"));
            Assert.Empty(page.FindAll($"{row} [data-testid=triage-new]"));
        });
    }

    [Fact]
    public async Task A_claim_by_another_officer_shows_on_the_row_live_and_ends_live()
    {
        var id = await LogAsync($"{Desk.Tag()} 菜市场噪音扰民");
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        var row = $"[data-testid=triage-row][data-item-id='{id}']";
        page.WaitForElement(row);
        Assert.Empty(page.FindAll($"{row} [data-testid=triage-claimed]"));

        await Desk.SendAsync(DemoAccounts.Analyst, new ClaimItem.Command(id));

        page.WaitForAssertion(() =>
        {
            Assert.Equal(string.Format(Text("Triage.ClaimedBy"), DemoAccounts.Analyst.DisplayName),
                page.Find($"{row} [data-testid=triage-claimed]").TextContent.Trim());
            Assert.All(page.FindAll($"{row} .triage-actions button"), b => Assert.True(b.HasAttribute("disabled")));
        }, Live);

        await Desk.SendAsync(DemoAccounts.Analyst, new ReleaseItem.Command(id));

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll($"{row} [data-testid=triage-claimed]"));
            Assert.All(page.FindAll($"{row} .triage-actions button"), b => Assert.False(b.HasAttribute("disabled")));
        }, Live);
    }

    [Fact]
    public async Task A_refused_claim_is_said_and_opens_no_dialog()
    {
        var id = await LogAsync($"{Desk.Tag()} 沿江路夜间施工");
        await Desk.SendAsync(DemoAccounts.Analyst, new ClaimItem.Command(id));
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        var row = $"[data-testid=triage-row][data-item-id='{id}']";
        page.WaitForElement($"{row} [data-testid=triage-claimed]");

        // The buttons are off; the keyboard still asks the server, which refuses.
        page.Find(row).RowClick();
        page.Find("[data-testid=triage-queue]").KeyDown(new KeyboardEventArgs { Key = "d" });

        page.WaitForAssertion(() => Assert.Contains(Text("Error.item.claimed_by_other"), page.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=dismiss-dialog]"));
        Assert.Equal(Desk.Actor(DemoAccounts.Analyst).UserId, (await Desk.ItemAsync(id)).ClaimedBy);
    }

    [Fact]
    public async Task Opening_a_triage_dialog_claims_the_item_and_cancelling_releases_it()
    {
        var id = await LogAsync($"{Desk.Tag()} 广场舞噪音");
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();

        page.WaitForElement($"[data-testid=triage-row][data-item-id='{id}'] [data-testid=dismiss]").RowClick();

        page.WaitForElement("[data-testid=dismiss-dialog]");
        var claimed = await Desk.ItemAsync(id);
        Assert.Equal((TriageStatus.Claimed, Desk.Actor(DemoAccounts.Duty).UserId), (claimed.Status, claimed.ClaimedBy));

        page.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == Text("Common.Cancel")).Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=dismiss-dialog]")));
        await Eventually.HoldsAsync(async () => (await Desk.ItemAsync(id)).Status == TriageStatus.New, Live);
        Assert.Null((await Desk.ItemAsync(id)).ClaimedBy);
    }

    [Fact]
    public async Task Closing_the_page_releases_its_claim()
    {
        var id = await LogAsync($"{Desk.Tag()} 路灯不亮");
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        page.WaitForElement($"[data-testid=triage-row][data-item-id='{id}'] [data-testid=attach]").RowClick();
        page.WaitForElement("[data-testid=attach-dialog]");
        Assert.Equal(TriageStatus.Claimed, (await Desk.ItemAsync(id)).Status);

        await Context.DisposeComponentsAsync();

        await Eventually.HoldsAsync(async () => (await Desk.ItemAsync(id)).Status == TriageStatus.New, Live);
    }

    [Fact]
    public async Task A_burst_of_items_re_renders_the_queue_a_few_times_not_once_per_item()
    {
        SignIn(DemoAccounts.Duty);
        var page = RenderPage<TriagePage>();
        var old = await LogAsync($"{Desk.Tag()} 爆发前的信息");
        page.WaitForElement($"[data-testid=triage-row][data-item-id='{old}']", Live);
        var triage = page.FindComponent<TriagePage>();
        var (pageRenders, oldRowBuilds) = (triage.RenderCount, triage.Instance.MarkupBuildsOf(old));

        // All at once, as a feed delivering a batch would: the commits queue for SQLite's write lock and land one by one.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var burst = await Task.WhenAll(Enumerable.Range(0, 45).Select(i => Task.Run(() =>
            LogAsync($"{Desk.Tag()} 突发信息 {i}", by: DemoAccounts.Analyst))));
        var logging = clock.Elapsed;

        page.WaitForAssertion(() => Assert.Superset(burst.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(),
            page.FindAll("[data-testid=triage-row]").Select(r => r.GetAttribute("data-item-id")!).ToHashSet()), Live);
        var waiting = await Desk.SendAsync(DemoAccounts.Duty, new CountTriageQueue.Query());
        Assert.Equal(Math.Min(50, waiting), page.FindAll("[data-testid=triage-row]").Count);
        // At most one refresh per interval while the items came in, and one to catch the last of them.
        var renders = triage.RenderCount - pageRenders;
        var allowed = (int)(logging / TriagePage.CoalesceEvery) + 2;
        Assert.True(renders <= allowed && renders < burst.Length, $"{renders} renders for {burst.Length} items logged in {logging.TotalMilliseconds:0} ms");
        // A row that did not change is not built again, however often the queue is rendered (within the minute its
        // relative time and clock stay the same).
        Assert.Equal(1, oldRowBuilds);
        Assert.Equal(oldRowBuilds, triage.Instance.MarkupBuildsOf(old));
    }

    [Fact]
    public async Task The_navigation_counts_the_waiting_items_live()
    {
        SignIn(DemoAccounts.Duty);
        var nav = Context.Render<NavMenu>();
        var waiting = await Desk.SendAsync(DemoAccounts.Duty, new CountTriageQueue.Query());
        nav.WaitForAssertion(() => Assert.Equal(Badge(waiting), nav.Find("[data-testid=nav-triage-count]").TextContent.Trim()));

        await LogAsync($"{Desk.Tag()} 导航计数", by: DemoAccounts.Analyst);

        nav.WaitForAssertion(() => Assert.Equal(Badge(waiting + 1), nav.Find("[data-testid=nav-triage-count]").TextContent.Trim()), Live);
    }

    [Fact]
    public async Task A_user_who_may_not_triage_sees_no_count()
    {
        await LogAsync($"{Desk.Tag()} 督查员看不到计数");
        SignIn(DemoAccounts.Supervisor);

        var nav = Context.Render<NavMenu>();

        // The queue is not offered to a role that may not triage, so neither is its count.
        nav.WaitForElement("[data-testid=nav-cases]");
        Assert.Empty(nav.FindAll("[data-testid=nav-triage]"));
        Assert.Empty(nav.FindAll("[data-testid=nav-triage-count]"));
    }

    private static string Badge(int count) => count > 999 ? "999+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<int> LogAsync(string title, DemoAccount? by = null) =>
        Desk.SendAsync(by ?? DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Forum,
            Title = title,
            Content = "网友反映情况，请核实。",
            SourceName = "北岸论坛",
            Author = "网友",
        });
}
