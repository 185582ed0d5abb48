using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>The app allowing two live circuits per user (the default is 10: the rule is the same, the test shorter).</summary>
public sealed class TwoCircuitsBrowserFixture() : BrowserFixture(seedDemoData: false, new Dictionary<string, string>
{
    ["Security:MaxCircuitsPerUser"] = "2",
});

/// <summary>SECURITY.md V2: live circuits per user are capped; the tab over the cap says so and starts no circuit.</summary>
public sealed class CircuitLimitTests(TwoCircuitsBrowserFixture fixture) : IClassFixture<TwoCircuitsBrowserFixture>
{
    [Fact]
    public async Task The_tab_over_the_cap_explains_the_limit_and_works_again_once_another_tab_is_closed()
    {
        // The fixture's warm-up signed in as the duty officer: another account starts from zero circuits.
        var first = await fixture.SignInAsync(DemoAccounts.Analyst);
        var userId = await UserIdAsync(DemoAccounts.Analyst.UserName);
        var counter = fixture.App.Services.GetRequiredService<CircuitCounter>();
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/cases");
        await BrowserFixture.WaitForCircuitAsync(second);
        await Eventually.HoldsAsync(() => counter.Count(userId) == 2, TimeSpan.FromSeconds(10));

        var third = await first.Context.NewPageAsync();
        await third.GotoAsync("/cases");

        var notice = third.GetByTestId("circuit-limit");
        await Expect(notice).ToContainTextAsync("已打开的实时页面过多");
        await Expect(notice).ToContainTextAsync("2 个实时页面");
        await third.WaitForTimeoutAsync(1000);
        await Expect(third.Locator("[data-interactive='true']")).ToHaveCountAsync(0);
        Assert.Equal(2, counter.Count(userId));

        // Leaving a page ends its circuit (the browser tells the server as it unloads): there is room again.
        await second.GotoAsync("about:blank");
        await Eventually.HoldsAsync(() => counter.Count(userId) == 1, TimeSpan.FromSeconds(15));
        await third.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(third);
        await first.Context.CloseAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
