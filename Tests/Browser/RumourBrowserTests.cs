using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>辟谣移交 from the case page: one action, the police and 网信办 preselected, both threads shown under 辟谣.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RumourBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_chief_hands_a_rumour_off_and_sees_both_threads()
    {
        var caseId = await (await Desk.CreateAsync(fixture.App)).NewCase().AsRumour().InAsync(CaseState.Disposing);
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenCaseAsync(caseId);

            var dialog = await chief.BeginAsync(nameof(CaseTrigger.HandOffRumour));
            await Expect(dialog.GetByTestId("police-unit")).ToHaveValueAsync("北岸派出所");
            await Expect(dialog.GetByTestId("cyberspace-unit")).ToHaveValueAsync("北岸镇网信办");
            await dialog.GetByTestId("handoff-note").EnterAsync("请依法调查首发账号，协调平台删除不实信息。");
            await chief.SubmitCaseAsync(dialog);

            var section = chief.GetByTestId("section-rumour");
            await Expect(section.GetByTestId("rumour-task")).ToHaveCountAsync(2);
            await Expect(section.Locator("[data-testid=rumour-task][data-unit='北岸派出所']")).ToHaveCountAsync(1);
            await Expect(section.GetByTestId("rumour-response-status")).ToHaveAttributeAsync("data-status", "Requested");
            Assert.Equal((nameof(CaseTrigger.HandOffRumour), "王强"), (await chief.TimelineAsync())[^1]);
        });
    }
}
