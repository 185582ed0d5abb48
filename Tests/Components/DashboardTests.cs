using AngleSharp.Dom;
using Bunit;
using OpinionResponse.App.Features.Board;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>
/// The leaders' dashboard on a desk of known figures (a fresh app: the organisation and only what this class writes):
/// 5 hotline and 2 Weibo items, 2 open cases — one 100 minutes old (its 2-hour assessment clock past the 75 % warning),
/// one 3 hours old (overdue) — and one item waiting for triage for 40 minutes (its 30-minute clock overdue).
/// </summary>
public class DashboardFiguresTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public async Task The_dashboard_shows_the_figures_of_a_known_desk_in_charts()
    {
        for (var i = 0; i < 3; i++)
        {
            await Desk.LogItemAsync($"{Desk.Tag()} 滨江小区停水");
        }

        var late = await Desk.LogItemAsync($"{Desk.Tag()} 停水", Channel.Weibo);
        await Desk.LogItemAsync($"{Desk.Tag()} 停水", Channel.Weibo);
        var warning = await Desk.OpenCaseAsync(title: "滨江小区停水");
        var breached = await Desk.OpenCaseAsync(title: "北岸中学门口积水");
        await RawSql.ExecuteAsync(App.DatabasePath,
            $"UPDATE Cases SET CreatedAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '-100 minutes') WHERE Id = {warning};" +
            $"UPDATE Cases SET CreatedAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '-180 minutes') WHERE Id = {breached};" +
            $"UPDATE Items SET CollectedAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '-40 minutes') WHERE Id = {late};");
        SignIn(DemoAccounts.Head);

        var page = RenderPage<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("7", Figure(page, "dashboard-items-total")), TimeSpan.FromSeconds(20));
        Assert.Equal("2", Figure(page, "dashboard-open-cases"));
        Assert.Equal("1", Figure(page, "dashboard-clocks-warning"));
        Assert.Equal("1", Figure(page, "dashboard-clocks-breached"));
        Assert.Equal("1", Figure(page, "dashboard-untriaged-at-risk"));
        Assert.Equal([breached.ToString(), warning.ToString()], page.FindAll("[data-testid=dashboard-clock]").Select(c => c.GetAttribute("data-case-id")));
        // Charts, each with its own labels: the channels in the legend, the open states on the axis, the words as bars.
        foreach (var chart in new[] { "dashboard-channels", "dashboard-cases", "dashboard-clocks", "dashboard-words" })
        {
            Assert.NotNull(page.Find($"[data-testid={chart}]").QuerySelector(".mud-chart svg"));
        }

        var channels = page.Find("[data-testid=dashboard-channels]").TextContent;
        Assert.Contains(Text("Channel.Hotline"), channels, StringComparison.Ordinal);
        Assert.Contains(Text("Channel.Weibo"), channels, StringComparison.Ordinal);
        Assert.Contains(Text("State.Collected"), page.Find("[data-testid=dashboard-cases]").TextContent, StringComparison.Ordinal);
        var words = page.FindAll("[data-testid=dashboard-word]").ToDictionary(w => w.TextContent, w => w.GetAttribute("data-count"));
        // Every item of this desk says 有异味 (Desk.LogItemAsync's content): counted once per item, however often it says it.
        Assert.True(words.TryGetValue("异味", out var count), string.Join(", ", words));
        Assert.Equal("7", count);
    }

    private static string Figure(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();
}

public class DashboardAccessTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public void A_duty_officer_is_refused_the_dashboard_by_the_query_not_only_the_menu()
    {
        SignIn(DemoAccounts.Duty);

        var page = RenderPage<DashboardPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dashboard-forbidden]")), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=dashboard-figures]"));
    }

    [Fact]
    public async Task A_new_item_raises_the_count_without_a_reload()
    {
        SignIn(DemoAccounts.Supervisor);
        var page = RenderPage<DashboardPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=dashboard-items-total]")), TimeSpan.FromSeconds(10));
        var before = int.Parse(page.Find("[data-testid=dashboard-items-total]").TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(TimeSpan.FromSeconds(1));

        await Desk.LogItemAsync();

        page.WaitForAssertion(() => Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.Find("[data-testid=dashboard-items-total]").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }
}
