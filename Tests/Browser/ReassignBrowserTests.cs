using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>The owner changes from the case page: a section chief picks the new owner beside 负责人; nobody else is offered it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReassignBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_chief_makes_the_analyst_owner_from_the_case_page()
    {
        var caseId = await (await Desk.CreateAsync(fixture.App)).NewCase().InAsync(CaseState.Assessing);
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            await Expect(analyst.GetByTestId("case-owner")).ToHaveTextAsync("张伟");
            await Expect(analyst.GetByTestId("case-action-reassign")).ToHaveCountAsync(0);

            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenCaseAsync(caseId);
            await chief.GetByTestId("case-action-reassign").ClickAsync();
            var dialog = await chief.CaseDialog().ReadyAsync();
            await chief.ChooseAsync(dialog.GetByTestId("owner"), chief.Locator(".mud-popover-open [data-testid=owner-option][data-name='李娜']"));
            await chief.SubmitCaseAsync(dialog);

            await Expect(chief.GetByTestId("case-owner")).ToHaveTextAsync("李娜");
            Assert.Equal(("Reassign", "王强"), (await chief.TimelineAsync())[^1]);
            // Live: the analyst's open page shows the new owner without a reload.
            await Expect(analyst.GetByTestId("case-owner")).ToHaveTextAsync("李娜");
        });
    }
}
