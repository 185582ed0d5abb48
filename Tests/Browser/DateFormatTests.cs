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
[Collection(SecondBrowserCollection.Name)]
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

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DayFormat();

    [Theory]
    [InlineData("/breaches", "breach-from")]
    [InlineData("/reports/bulletin", "bulletin-day")]
    [InlineData("/duty/roster", "shift-date")]
    [InlineData("/reports/performance", "performance-from")]
    public async Task A_date_field_shows_the_apps_format_in_an_english_browser_and_no_page_uses_the_browsers_own(string path, string field)
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var page = await desk.AsAsync(DemoAccounts.Chief, locale: "en-US");
            await page.OpenAsync(path);

            var input = page.GetByTestId(field).Locator("input");
            await Expect(input).ToHaveValueAsync(DayFormat());
            Assert.Equal(0, await page.Locator("input[type=date], input[type=time], input[type=datetime-local]").CountAsync());
        });
    }

    [Fact]
    public async Task A_shift_is_planned_with_24_hour_times_typed_in_an_english_browser()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief, locale: "en-US");
            await chief.OpenAsync("/duty/roster");

            var start = chief.GetByTestId("shift-start").Locator("input");
            await Expect(start).ToHaveValueAsync("08:00");
            await Expect(chief.GetByTestId("shift-end").Locator("input")).ToHaveValueAsync("20:00");
        });
    }
}
