using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// Search from the top bar and the leaders' dashboard in Chromium on the demo desk. <c>UPDATE_SCREENSHOTS=1</c> saves
/// the dashboard (1400×900) to docs/img/dashboard.png for the README.
/// </summary>
[Collection(DemoBrowserCollection.Name)]
public sealed class SearchAndDashboardBrowserTests(DemoBrowserFixture fixture)
{
    [Fact]
    public async Task A_word_typed_in_the_top_bar_lists_the_cases_and_items_with_it_marked()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await duty.GetByTestId("topbar-search-input").FillAsync("停水");
            await duty.GetByTestId("topbar-search-input").PressAsync("Enter");

            await Expect(duty.GetByTestId("search-item-hit").First).ToBeVisibleAsync();
            Assert.Contains("q=", duty.Url, StringComparison.Ordinal);
            await Expect(duty.GetByTestId("search-input")).ToHaveValueAsync("停水");
            await Expect(duty.Locator("[data-testid=search-item-hit] mark").First).ToHaveTextAsync("停水");
            await Expect(duty.Locator("[data-testid=search-case-hit]").First).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_unit_head_sees_the_dashboard_with_the_desks_open_cases()
    {
        int open;
        await using (var db = await fixture.App.CreateDbContextAsync())
        {
            var states = CaseWorkflow.OpenStates.ToList();
            open = await db.Cases.CountAsync(c => states.Contains(c.State));
        }

        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var head = await desk.AsAsync(DemoAccounts.Head);
            await head.OpenAsync("/dashboard");
            await Expect(head.GetByTestId("dashboard-open-cases")).ToHaveTextAsync(open.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(head.Locator("[data-testid=dashboard-channels] svg").First).ToBeVisibleAsync();
            await Expect(head.Locator("[data-testid=dashboard-cases] svg").First).ToBeVisibleAsync();
            await DemoDeskTests.ShootAsync(head, Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1",
                Path.Combine(DemoDeskTests.RepositoryRoot(), "docs", "img", "dashboard.png"));
        });
    }
}
