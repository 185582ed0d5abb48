using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>How the desk shows itself: Chinese by default with an English switch, and user text always as text.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class PresentationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_language_switch_shows_the_desk_in_english_and_back_in_chinese()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await Expect(duty.Locator("h1")).ToHaveTextAsync("舆情分拣");
            await Expect(duty.GetByTestId("switch-language")).ToHaveTextAsync("English");

            await duty.GetByTestId("switch-language").ClickAsync();
            await Expect(duty.Locator("h1")).ToHaveTextAsync("Triage queue");
            await BrowserFixture.WaitForCircuitAsync(duty);
            Assert.EndsWith("/triage", duty.Url, StringComparison.Ordinal);
            await Expect(duty.GetByTestId("log-item")).ToHaveTextAsync("Log item");
            await Expect(duty.GetByTestId("current-user")).ToContainTextAsync("Duty officer");
            await Expect(duty.GetByTestId("switch-language")).ToHaveTextAsync("中文");

            // The dialogs and the case page speak English too.
            var title = $"Caller reports a broken street light {tag}";
            await duty.LogItemAsync("Hotline", title, "The street light at the village gate has been out for a week.", "Mr Huang", "13800000001");
            await Expect(duty.TriageRow(title).GetByTestId("triage-channel-chip")).ToHaveTextAsync("Hotline");
            var caseId = await duty.OpenCaseFromItemAsync(title, "党政办公室");
            await duty.ExpectStateAsync("Collected");
            await Expect(duty.CaseState()).ToHaveTextAsync("Collected");
            await Expect(duty.Locator("[data-testid=case-action][data-action=StartAssessment]")).ToHaveTextAsync("Start assessment");

            await duty.GetByTestId("switch-language").ClickAsync();
            await Expect(duty.CaseState()).ToHaveTextAsync("待研判");
            await BrowserFixture.WaitForCircuitAsync(duty);
            Assert.Equal(caseId, duty.CaseIdFromUrl());
            await Expect(duty.Locator("[data-testid=case-action][data-action=StartAssessment]")).ToHaveTextAsync("开始研判");
            await Expect(duty.GetByTestId("current-user")).ToContainTextAsync("值班员");
        });
    }

    [Fact]
    public async Task Markup_in_a_logged_title_shows_as_text_and_never_runs()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var title = $"<img src=x onerror=alert(1)> {tag}";
            const string content = "<script>alert(2)</script><b onmouseover=alert(3)>粗体</b>";
            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");
            await duty.LogItemAsync("热线电话", title, content, "<i>匿名</i>", "13800000002");

            var row = duty.TriageRow(title);
            await Expect(row.Locator(".triage-title")).ToHaveTextAsync(title);
            await Expect(row.Locator(".triage-excerpt")).ToHaveTextAsync(content);
            await Expect(row).ToContainTextAsync("<i>匿名</i>");
            await Expect(duty.Locator("img[src='x'], script:text('alert'), b[onmouseover], i:text-is('匿名')")).ToHaveCountAsync(0);

            await duty.OpenCaseFromItemAsync(title, "党政办公室");
            await duty.ExpectStateAsync("Collected");
            await Expect(duty.GetByTestId("case-title")).ToHaveTextAsync(title);
            await Expect(duty.GetByTestId("case-item")).ToContainTextAsync(title);
            await Expect(duty.GetByTestId("case-item")).ToContainTextAsync(content);
            await Expect(duty.GetByTestId("section-timeline")).ToContainTextAsync(title);
            await Expect(duty.Locator("img[src='x'], script:text('alert'), b[onmouseover], i:text-is('匿名')")).ToHaveCountAsync(0);

            // The whole page again, after a full load (prerendered HTML, then the circuit's render).
            await duty.ReloadAsync();
            await BrowserFixture.WaitForCircuitAsync(duty);
            await Expect(duty.GetByTestId("case-title")).ToHaveTextAsync(title);
            await Expect(duty.Locator("img[src='x'], script:text('alert'), b[onmouseover], i:text-is('匿名')")).ToHaveCountAsync(0);
            Assert.Empty(desk.ScriptDialogs);
        });
    }
}
