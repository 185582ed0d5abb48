using System.Text.RegularExpressions;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// Times show as 2026-12-04 21:08 (Beijing, 24-hour) in a browser with an English interface too, inputs included: the
/// browser's own date inputs would show 12/04/2026 09:08 PM there.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DateFormatTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")]
    private static partial Regex AppFormat();

    [Fact]
    public async Task A_time_input_shows_the_apps_format_in_an_english_browser_and_takes_it_back()
    {
        var caseId = await (await Desk.CreateAsync(fixture.App)).NewCase().InAsync(CaseState.Disposing);
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief, locale: "en-US");
            Assert.Equal("en-US", await chief.EvaluateAsync<string>("navigator.language"));
            await chief.OpenCaseAsync(caseId);
            var assign = await chief.BeginAsync("AssignTask");
            var due = assign.GetByTestId("due-at");

            Assert.Equal("text", await due.GetAttributeAsync("type"));
            await Expect(due).ToHaveValueAsync(AppFormat());

            var typed = DateTime.UtcNow.AddHours(8).AddDays(3).ToString("yyyy-MM-dd 21:08", System.Globalization.CultureInfo.InvariantCulture);
            await chief.ChooseAsync(assign.GetByTestId("unit"), chief.GetByTestId("unit-CJB"));
            await assign.GetByTestId("description").EnterAsync("请核实并反馈");
            await due.EnterAsync(typed);
            await chief.SubmitCaseAsync(assign);

            await Expect(chief.GetByTestId("case-task")).ToContainTextAsync(typed);
        });
    }
}
