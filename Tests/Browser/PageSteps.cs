using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// What a user does on the triage and case pages, in Playwright: every step waits for the page to be ready for it
/// (circuit connected, dialog shown, submit enabled) and for its outcome (dialog gone, case saved), never for a fixed time.
/// </summary>
public static partial class PageSteps
{
    // ---- navigation -------------------------------------------------------------------------------------------

    /// <summary>A full page load: the prerendered page ignores clicks until its circuit connects.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserFixture.WaitForCircuitAsync(page);
    }

    /// <summary>Opens (or reloads, to see what others did) the page of case <paramref name="caseId"/>.</summary>
    public static async Task OpenCaseAsync(this IPage page, int caseId)
    {
        await page.OpenAsync($"/cases/{caseId}");
        await Expect(page.GetByTestId("case-page")).ToHaveAttributeAsync("data-case-id", caseId.ToString(CultureInfo.InvariantCulture));
    }

    public static int CaseIdFromUrl(this IPage page) =>
        int.Parse(CaseUrl().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/cases/(\d+)$")]
    public static partial Regex CaseUrl();

    /// <summary>Beijing time as a <c>datetime-local</c> input takes it, <paramref name="fromNow"/> from now.</summary>
    public static string BeijingInput(TimeSpan fromNow) =>
        DateTime.UtcNow.Add(fromNow).AddHours(8).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    // ---- form fields ------------------------------------------------------------------------------------------

    /// <summary>Types into a MudBlazor text field; leaving the field sends its value to the circuit (change event).</summary>
    public static async Task EnterAsync(this ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.BlurAsync();
    }

    /// <summary>Opens a MudSelect and picks the option (role=option) named <paramref name="optionText"/>.</summary>
    public static Task ChooseAsync(this IPage page, ILocator select, string optionText) =>
        page.ChooseAsync(select, page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = optionText, Exact = true }));

    /// <summary>Opens a MudSelect and picks <paramref name="option"/> (e.g. the item with data-testid <c>level-Major</c>).</summary>
    public static async Task ChooseAsync(this IPage page, ILocator select, ILocator option)
    {
        await select.ClickAsync();
        await option.ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
    }

    // ---- dialogs ----------------------------------------------------------------------------------------------

    /// <summary>The open MudDialog whose content carries <paramref name="testId"/> (the test id sits on the dialog's content).</summary>
    public static ILocator DialogWith(this IPage page, string testId) => page.Locator($".mud-dialog:has([data-testid={testId}])");

    /// <summary>The case action dialog (CaseDialogShell).</summary>
    public static ILocator CaseDialog(this IPage page) => page.DialogWith("case-dialog");

    /// <summary>MudBlazor dialogs animate in: the dialog is ready once its submit button is visible and enabled.</summary>
    public static async Task<ILocator> ReadyAsync(this ILocator dialog)
    {
        await Expect(dialog.GetByTestId("dialog-submit")).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>Submits a dialog and waits until it has closed, i.e. its command succeeded; else fails with what the dialog says.</summary>
    public static async Task SubmitAsync(this ILocator dialog)
    {
        var submit = dialog.GetByTestId("dialog-submit");
        await Expect(submit).ToBeEnabledAsync();
        await submit.ClickAsync();
        await ExpectClosedAsync(dialog);
    }

    private static async Task ExpectClosedAsync(ILocator dialog)
    {
        try
        {
            await Expect(dialog).ToHaveCountAsync(0);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            var messages = await dialog.Locator("[data-testid=dialog-error], .mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error")
                .AllInnerTextsAsync();
            throw new XunitException($"The dialog stayed open (its command did not succeed): {string.Join(" | ", messages)}");
        }
    }

    // ---- triage -----------------------------------------------------------------------------------------------

    /// <summary>The queue row of the item titled <paramref name="title"/> (titles in tests carry a unique tag).</summary>
    public static ILocator TriageRow(this IPage page, string title) =>
        page.GetByTestId("triage-row").Filter(new() { Has = page.Locator(".triage-title", new() { HasText = title }) });

    /// <summary>Logs an item on the triage page (登记信息) and waits for it to appear in the queue.</summary>
    public static async Task LogItemAsync(this IPage page, string channel, string title, string content, string? author = null, string? contact = null)
    {
        await page.GetByTestId("log-item").ClickAsync();
        var dialog = await page.DialogWith("log-item-dialog").ReadyAsync();
        await page.ChooseAsync(dialog.GetByTestId("log-channel"), channel);
        await dialog.GetByTestId("log-title").EnterAsync(title);
        await dialog.GetByTestId("log-content").EnterAsync(content);
        if (author is not null)
        {
            await dialog.GetByTestId("log-author").EnterAsync(author);
        }

        if (contact is not null)
        {
            await dialog.GetByTestId("log-contact").EnterAsync(contact);
        }

        await dialog.SubmitAsync();
        await Expect(page.TriageRow(title)).ToHaveCountAsync(1);
    }

    /// <summary>Opens a case from the queue item (立案) with the responsible unit <paramref name="unitName"/>; returns the case id.</summary>
    public static async Task<int> OpenCaseFromItemAsync(this IPage page, string title, string unitName)
    {
        await page.TriageRow(title).GetByTestId("open-case").ClickAsync();
        var dialog = await page.DialogWith("open-case-dialog").ReadyAsync();
        await Expect(dialog.GetByTestId("case-title")).ToHaveValueAsync(title);
        await page.ChooseAsync(dialog.GetByTestId("case-unit"), unitName);
        await dialog.SubmitAsync();
        await page.WaitForURLAsync(CaseUrl());
        await Expect(page.GetByTestId("case-page")).ToBeVisibleAsync();
        return page.CaseIdFromUrl();
    }

    /// <summary>Logs a hotline call and opens a case from it as the signed-in duty officer; returns the case id.</summary>
    public static async Task<int> LogAndOpenCaseAsync(this IPage page, string title, string content)
    {
        await page.OpenAsync("/triage");
        await page.LogItemAsync("热线电话", title, content, "来电市民", "13900000000");
        return await page.OpenCaseFromItemAsync(title, "党政办公室");
    }

    // ---- the case page ----------------------------------------------------------------------------------------

    public static ILocator CaseState(this IPage page) => page.Locator("[data-testid=case-header] [data-testid=case-state]");

    public static Task ExpectStateAsync(this IPage page, string state) => Expect(page.CaseState()).ToHaveAttributeAsync("data-state", state);

    /// <summary>Waits until the action bar offers exactly <paramref name="expected"/> (any order) to this user; fails with what it offers.</summary>
    public static async Task ExpectActionsAsync(this IPage page, params string[] expected)
    {
        var want = string.Join(",", expected.Order(StringComparer.Ordinal));
        const string offered = "[...document.querySelectorAll('[data-testid=case-action]')].map(b => b.dataset.action).sort().join(',')";
        try
        {
            await page.WaitForFunctionAsync($"want => {offered} === want", want, new() { Timeout = BrowserFixture.StepTimeout });
        }
        catch (TimeoutException)
        {
            // Fall through: the assertion below names what the page offers instead.
        }

        Assert.Equal(want, await page.EvaluateAsync<string>(offered));
    }

    private static Task<string?> VersionAsync(this IPage page) => page.GetByTestId("case-page").GetAttributeAsync("data-version");

    private static async Task ExpectSavedAsync(this IPage page, string? versionBefore) =>
        await Expect(page.GetByTestId("case-page")).Not.ToHaveAttributeAsync("data-version", versionBefore ?? string.Empty);

    /// <summary>Clicks the action bar's <paramref name="action"/> and returns its dialog once it is ready.</summary>
    public static async Task<ILocator> BeginAsync(this IPage page, string action)
    {
        await page.Locator($"[data-testid=case-action][data-action={action}]").ClickAsync();
        return await page.CaseDialog().ReadyAsync();
    }

    /// <summary>Submits a case action dialog and waits for the case page to show the saved case (its version moved on).</summary>
    public static async Task SubmitCaseAsync(this IPage page, ILocator dialog)
    {
        var before = await page.VersionAsync();
        await dialog.SubmitAsync();
        await page.ExpectSavedAsync(before);
    }

    /// <summary>Fires an action that takes no input (StartAssessment, SubmitReport, SubmitPlan, BeginResponse): click, confirm.</summary>
    public static async Task ConfirmAsync(this IPage page, string action)
    {
        var before = await page.VersionAsync();
        await page.Locator($"[data-testid=case-action][data-action={action}]").ClickAsync();
        var box = page.Locator(".mud-message-box");
        await box.Locator(".mud-message-box__yes-button").ClickAsync();
        await Expect(box).ToHaveCountAsync(0);
        await page.ExpectSavedAsync(before);
    }

    /// <summary>The timeline as (action, actor name) pairs, oldest first.</summary>
    public static async Task<IReadOnlyList<(string Action, string Actor)>> TimelineAsync(this IPage page)
    {
        var entries = await page.GetByTestId("timeline-entry").EvaluateAllAsync<string[][]>(
            "items => items.map(e => [e.dataset.action, e.querySelector('.case-who')?.textContent.trim() ?? ''])");
        return entries.Select(e => (e[0], e[1])).ToList();
    }
}
