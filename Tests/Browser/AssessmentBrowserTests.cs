using Microsoft.Playwright;
using OpinionResponse.App.Features.Scoring;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>The scoring policy edited on its page and seen on a case; a section chief signing a plan on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AssessmentBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_edited_keyword_weight_changes_the_breakdown_of_the_next_assessment()
    {
        await using var people = new BrowserDesk(fixture);
        await people.RunAsync(async () =>
        {
            // A word only this test uses, so that the other browser tests' scores stay as they expect.
            var desk = await Desk.CreateAsync(fixture.App);
            var word = Desk.Tag();
            var draft = SaveScoringPolicy.Command.From((await desk.SendAsync(DemoAccounts.Admin, new GetScoringPolicy.Query())).Current);
            draft.Categories.Add(new SaveScoringPolicy.CategoryInput { Name = $"浏览器{word}"[..12], Words = [new() { Word = word, Weight = 10 }] });
            await desk.SendAsync(DemoAccounts.Admin, draft);
            var caseId = await desk.OpenCaseAsync(title: $"{word} 网传消息");

            var analyst = await people.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            var content = analyst.Locator("[data-testid=score-part][data-criterion=content]");
            await Expect(content).ToContainTextAsync(word);
            await Expect(content.Locator("td.num")).ToHaveTextAsync("10");
            await Expect(analyst.GetByTestId("section-items").Locator("mark.kw", new() { HasText = word })).ToHaveCountAsync(1);

            var admin = await people.AsAsync(DemoAccounts.Admin);
            await admin.OpenAsync("/admin/scoring-policy");
            var version = await admin.GetByTestId("scoring-current-version").InnerTextAsync();
            var weight = admin.Locator($"input[data-testid^=weight-][data-word='{word}']");
            await weight.FillAsync("35");
            await weight.PressAsync("Tab");
            await admin.GetByTestId("scoring-preview").ClickAsync();
            await Expect(admin.Locator($"[data-testid=scoring-preview-row][data-case-id='{caseId}']")).ToHaveAttributeAsync("data-draft-total", "35");
            await admin.GetByTestId("scoring-save").ClickAsync();
            await Expect(admin.GetByTestId("scoring-current-version")).Not.ToHaveTextAsync(version);

            await analyst.OpenCaseAsync(caseId);
            await Expect(content.Locator("td.num")).ToHaveTextAsync("35");
            await analyst.ConfirmAsync("StartAssessment");
            var assess = await analyst.BeginAsync("CompleteAssessment");
            await assess.GetByTestId("nature").EnterAsync("网传信息，待核实");
            await assess.GetByTestId("risks").EnterAsync("可能扩散");
            await assess.GetByTestId("response-needed-yes").ClickAsync();
            await analyst.SubmitCaseAsync(assess);
            await Expect(analyst.GetByTestId("score-version")).ToContainTextAsync("研判时");
            await Expect(content.Locator("td.num")).ToHaveTextAsync("35");
        });
    }

    [Fact]
    public async Task A_section_chief_reads_a_case_and_signs_its_plan_on_a_360_pixel_screen()
    {
        await using var people = new BrowserDesk(fixture);
        await people.RunAsync(async () =>
        {
            var desk = await Desk.CreateAsync(fixture.App);
            var caseId = await desk.NewCase().InAsync(CaseState.PlanApproval);
            var chief = await people.AsAsync(DemoAccounts.Chief);
            await chief.SetViewportSizeAsync(360, 740);

            await chief.OpenCaseAsync(caseId);
            await ExpectNoSidewaysScrollAsync(chief, "case page");
            var sign = await chief.BeginAsync("SignPlan");
            await ExpectNoSidewaysScrollAsync(chief, "sign dialog");
            await sign.GetByTestId("comment").EnterAsync("同意");
            await chief.SubmitCaseAsync(sign);
            await Expect(chief.GetByTestId("section-plan")).ToContainTextAsync("王强");
            await ExpectNoSidewaysScrollAsync(chief, "case page after signing");
        });
    }

    internal static async Task ExpectNoSidewaysScrollAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        if (scroll > client)
        {
            // Name the widest culprits, so the failure says what to fix.
            var wide = await page.EvaluateAsync<string[]>(
                "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)" +
                ".slice(-8).map(e => e.tagName + '.' + (e.getAttribute('class') || '') + '[' + (e.dataset.testid || '') + '] ' + Math.round(e.getBoundingClientRect().right))",
                client);
            Assert.Fail($"{where}: the document is {scroll} px wide in a {client} px window; too wide: {string.Join(" | ", wide)}");
        }
    }
}
