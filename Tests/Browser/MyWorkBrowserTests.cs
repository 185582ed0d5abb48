using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>待我办理 is live: a plan submitted elsewhere appears on the chief's open page and in the menu's count without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MyWorkBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_plan_submitted_elsewhere_appears_on_the_open_page_and_the_menu_count_follows()
    {
        var desk = await Desk.CreateAsync(fixture.App);
        await using var browser = new BrowserDesk(fixture);
        await browser.RunAsync(async () =>
        {
            var chief = await browser.AsAsync(DemoAccounts.Chief);
            await chief.OpenAsync("/my-work");
            var total = chief.GetByTestId("my-work-total");
            await Expect(total).ToBeVisibleAsync();
            var before = int.Parse(await total.GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

            var caseId = await desk.NewCase().InAsync(CaseState.PlanApproval);

            await Expect(chief.Locator($"[data-testid=my-work-entry][data-case-id='{caseId}']")).ToBeVisibleAsync();
            await Expect(total).ToHaveAttributeAsync("data-count", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(chief.GetByTestId("nav-my-work-count")).ToHaveTextAsync(before + 1 > 99 ? "99+" : (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
    }
}
