using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// Every role starts on the page of its work, and every page its menu offers opens without 无权访问: the landing pages
/// and the menu are written down here from DESIGN §1 (who does what), not read from the app's table.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleLandingTests(BrowserFixture fixture)
{
    public static TheoryData<string, string, string[]> Roles => new()
    {
        { "duty", "/triage", ["triage", "my-work", "cases", "board", "search", "reports/daily-log", "reports/special", "decisions", "import", "duty/roster", "duty/handover", "breaches"] },
        { "analyst", "/triage", ["triage", "my-work", "cases", "board", "search", "reports/daily-log", "reports/special", "decisions", "import", "duty/roster", "duty/handover", "breaches"] },
        { "chief", "/triage", ["triage", "my-work", "cases", "board", "dashboard", "search", "reports/daily-log", "reports/special", "decisions", "reports/bulletin", "reports/performance", "import", "duty/roster", "duty/handover", "breaches", "admin/clock-policy"] },
        { "head", "/my-work", ["my-work", "cases", "board", "dashboard", "search", "reports/daily-log", "reports/special", "decisions", "reports/bulletin", "reports/performance", "duty/roster", "breaches"] },
        { "press", "/my-work", ["my-work", "cases", "board", "search", "reports/daily-log", "reports/special", "decisions", "duty/roster", "breaches"] },
        { "supervisor", "/breaches", ["my-work", "cases", "board", "dashboard", "search", "reports/daily-log", "reports/special", "decisions", "reports/bulletin", "reports/performance", "audit", "duty/roster", "breaches"] },
        { "admin", "/admin/users", ["audit", "duty/roster", "admin/clock-policy", "admin/api-keys", "admin/feeds", "admin/places", "admin/backups", "admin/users", "admin/units", "admin/scoring-policy"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_lands_on_its_work_and_every_menu_entry_opens(string userName, string landing, string[] menu)
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var page = await desk.AsAsync(DemoAccounts.All.Single(a => a.UserName == userName));
            Assert.Equal(landing, new Uri(page.Url).AbsolutePath);
            await ExpectUsableAsync(page);

            var links = await page.Locator(".shell-links a.shell-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            Assert.Equal(menu.Order(StringComparer.Ordinal), links.Order(StringComparer.Ordinal));
            foreach (var href in links)
            {
                await page.OpenAsync("/" + href);
                await ExpectUsableAsync(page);
            }

            // The site's root sends the user to the same page as signing in.
            await page.OpenAsync("/");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landing);
        });
    }

    private static async Task ExpectUsableAsync(IPage page)
    {
        await Expect(page.GetByTestId("access-denied")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("无权");
    }
}
