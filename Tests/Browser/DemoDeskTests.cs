using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// The desk as a developer first sees it (<c>dotnet run</c> in Development): the whole demo seeded, cases in every state.
/// Also where the README's screenshots come from: <c>UPDATE_SCREENSHOTS=1</c> rewrites docs/screenshots/*.png.
/// </summary>
[Collection(DemoBrowserCollection.Name)]
public sealed class DemoDeskTests(DemoBrowserFixture fixture)
{
    [Fact]
    public async Task A_chief_reopens_a_closed_case_when_the_opinion_rebounds()
    {
        var caseId = await CaseInAsync(CaseState.Closed);
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenCaseAsync(caseId);
            await chief.ExpectStateAsync("Closed");
            await chief.ExpectActionsAsync("Reopen");

            var reopen = await chief.BeginAsync("Reopen");
            await reopen.GetByTestId("reason").EnterAsync("舆情反弹：路灯修复后再次损坏，网民重新发帖质疑");
            await chief.SubmitCaseAsync(reopen);

            await chief.ExpectStateAsync("Assessing");
            await Expect(chief.GetByTestId("case-reopen-reason")).ToContainTextAsync("舆情反弹");
            await chief.ExpectActionsAsync("Dismiss", "Merge", "EditSummary");
            Assert.Equal(("Reopen", "王强"), (await chief.TimelineAsync())[^1]);

            // The analyst takes the reopened case up again.
            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.OpenCaseAsync(caseId);
            await analyst.ExpectStateAsync("Assessing");
            await analyst.ExpectActionsAsync("CompleteAssessment", "EditSummary");
        });
    }

    /// <summary>
    /// Renders the two pages the README shows, as 分管领导 on the demo desk, and checks they loaded; with
    /// <c>UPDATE_SCREENSHOTS=1</c> saves them (1400×900) to docs/screenshots/case-page.png and triage.png.
    /// </summary>
    [Fact]
    public async Task Readme_screenshot()
    {
        var caseId = await CaseInAsync(CaseState.Published);
        var update = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1";
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenCaseAsync(caseId);
            await chief.ExpectStateAsync("Published");
            await Expect(chief.Locator("[data-testid=case-response][data-status=Published]").First).ToBeVisibleAsync();
            await Expect(chief.GetByTestId("timeline-entry").First).ToBeVisibleAsync();
            await Expect(chief.GetByTestId("case-action").First).ToBeVisibleAsync();
            await ShootAsync(chief, update, Path.Combine(folder, "case-page.png"));

            await chief.OpenAsync("/triage");
            await Expect(chief.GetByTestId("triage-row").First).ToBeVisibleAsync();
            await Expect(chief.GetByTestId("triage-loading")).ToHaveCountAsync(0);
            await ShootAsync(chief, update, Path.Combine(folder, "triage.png"));
        });
    }

    /// <summary>A leader at a 1440×900 desktop sees every open state of the board at a glance, none off to the right.</summary>
    [Fact]
    public async Task Every_open_state_column_of_the_board_fits_a_1440_px_screen()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.SetViewportSizeAsync(1440, 900);
            await chief.OpenAsync("/board");
            var open = OpinionResponse.App.Features.Board.GetBoard.Columns.Count;
            await Expect(chief.GetByTestId("board-column")).ToHaveCountAsync(open);
            await Expect(chief.GetByTestId("board-card").First).ToBeVisibleAsync();

            var fit = await chief.EvaluateAsync<double[]>("""
                () => {
                  const board = document.querySelector('[data-testid=board]');
                  const right = Math.max(...[...document.querySelectorAll('[data-testid=board-column]')].map(c => c.getBoundingClientRect().right));
                  const cards = Math.max(...[...document.querySelectorAll('[data-testid=board-card]')].map(c => c.scrollWidth - c.clientWidth));
                  return [board.scrollWidth - board.clientWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth,
                          right - document.documentElement.clientWidth, cards];
                }
                """);

            Assert.True(fit[0] <= 0, $"The board scrolls sideways by {fit[0]} px");
            Assert.True(fit[1] <= 0, $"The page scrolls sideways by {fit[1]} px");
            Assert.True(fit[2] <= 0, $"The last column ends {fit[2]} px beyond the window");
            Assert.True(fit[3] <= 0, $"A card's content runs {fit[3]} px past its edge");
            await chief.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "board-1440.png") });
        });
    }

    internal static async Task ShootAsync(IPage page, bool update, string path)
    {
        // Fonts (the CJK font above all) must have loaded, and nothing may still be moving.
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-progress-linear, .mud-progress-circular")).ToHaveCountAsync(0);
        await page.Mouse.MoveAsync(0, 899);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        Assert.True(bytes.Length > 10_000, "The screenshot is suspiciously small: the page did not render.");
        if (update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        }
    }

    private async Task<int> CaseInAsync(CaseState state)
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        var id = await db.Cases.Where(c => c.State == state).OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync();
        return id ?? throw new InvalidOperationException($"The demo desk has no {state} case.");
    }

    /// <summary>The folder holding OpinionResponse.sln, walking up from the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpinionResponse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No OpinionResponse.sln above " + AppContext.BaseDirectory);
    }
}
