using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>The ways a case ends aside (DESIGN §2.1): 分管领导 dismisses a case that needs no action, or merges it into another.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseLifecycleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_chief_dismisses_a_collected_case_with_a_reason()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            var caseId = await duty.LogAndOpenCaseAsync($"来电询问外省同名北岸镇的拆迁政策 {tag}", "来电人所问为外省同名乡镇的事务，与本镇无关。");

            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenCaseAsync(caseId);
            await chief.ExpectStateAsync("Collected");
            await chief.ExpectActionsAsync("Dismiss", "Merge", "EditSummary");

            var dismiss = await chief.BeginAsync("Dismiss");
            // No reason, no dismissal: the dialog stays open and says what is missing.
            await dismiss.GetByTestId("dialog-submit").ClickAsync();
            await Expect(dismiss.Locator(".mud-input-error")).Not.ToHaveCountAsync(0);
            await Expect(dismiss).ToBeVisibleAsync();
            await dismiss.GetByTestId("reason").EnterAsync("所涉事项属外省同名乡镇，非本镇管辖");
            await chief.SubmitCaseAsync(dismiss);

            await chief.ExpectStateAsync("Dismissed");
            await Expect(chief.GetByTestId("case-dismiss-reason")).ToContainTextAsync("非本镇管辖");
            await chief.ExpectActionsAsync();
            var last = (await chief.TimelineAsync())[^1];
            Assert.Equal(("Dismiss", "王强"), last);
        });
    }

    [Fact]
    public async Task A_chief_merges_a_case_into_another_and_its_items_move_there()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            var targetId = await duty.LogAndOpenCaseAsync($"滨江小区停水 {tag}", "滨江小区自早上起停水，物业未通知。");
            var targetNumber = (await duty.GetByTestId("case-number").InnerTextAsync()).Trim();
            var sourceId = await duty.LogAndOpenCaseAsync($"滨江小区3栋没有水 {tag}", "3栋住户反映家中没有自来水。");

            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenCaseAsync(sourceId);
            await Expect(chief.GetByTestId("case-item")).ToHaveCountAsync(1);
            var merge = await chief.BeginAsync("Merge");
            var picker = merge.GetByTestId("target-case");
            await picker.ClickAsync();
            await picker.FillAsync(targetNumber);
            await chief.Locator($".mud-popover-open [data-testid=target-case-option][data-number='{targetNumber}']").ClickAsync();
            await chief.SubmitCaseAsync(merge);

            await chief.ExpectStateAsync("Merged");
            await chief.ExpectActionsAsync();
            await Expect(chief.GetByTestId("case-item")).ToHaveCountAsync(0);
            var mergedInto = chief.GetByTestId("case-merged-into");
            await Expect(mergedInto).ToContainTextAsync(targetNumber);
            Assert.Equal(("Merge", "王强"), (await chief.TimelineAsync())[^1]);

            await mergedInto.Locator("a").ClickAsync();
            await chief.WaitForURLAsync(PageSteps.CaseUrl());
            Assert.Equal(targetId, chief.CaseIdFromUrl());
            await chief.ExpectStateAsync("Collected");
            await Expect(chief.GetByTestId("case-item")).ToHaveCountAsync(2);
            await Expect(chief.GetByTestId("section-items")).ToContainTextAsync($"滨江小区3栋没有水 {tag}");
            Assert.Equal(("MergedFrom", "王强"), (await chief.TimelineAsync())[^1]);
        });
    }
}
