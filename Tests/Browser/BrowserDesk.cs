using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// The people of one test, each signed in in their own browser context (their own cookie and circuit), signed in once
/// and kept for the whole test. Disposing closes every context. <see cref="RunAsync"/> saves a screenshot and the HTML
/// of every page when the test fails (in <c>/tmp/or-browser-failures</c>), and fails the test if any page raised a
/// JavaScript dialog: no user text may ever run as script.
/// </summary>
public sealed class BrowserDesk(IDeskBrowser fixture, [CallerMemberName] string test = "") : IAsyncDisposable
{
    private readonly Dictionary<string, IPage> pages = [];
    private readonly List<string> scriptDialogs = [];

    public static string FailureFolder { get; } = Path.Combine(Path.GetTempPath(), "or-browser-failures");

    /// <summary>JavaScript dialogs (alert, confirm, prompt) any page of this test raised.</summary>
    public IReadOnlyList<string> ScriptDialogs
    {
        get
        {
            lock (scriptDialogs)
            {
                return scriptDialogs.ToList();
            }
        }
    }

    /// <summary>The page of <paramref name="account"/>, signed in on first use.</summary>
    public async Task<IPage> AsAsync(DemoAccount account, string locale = "zh-CN")
    {
        if (pages.TryGetValue(account.UserName, out var page))
        {
            return page;
        }

        page = await fixture.SignInAsync(account, locale);
        page.Dialog += (_, dialog) =>
        {
            lock (scriptDialogs)
            {
                scriptDialogs.Add($"{account.UserName} on {page.Url}: {dialog.Type} \"{dialog.Message}\"");
            }

            _ = dialog.DismissAsync();
        };
        pages[account.UserName] = page;
        return page;
    }

    /// <summary>Runs the test's steps; on failure keeps what every page showed, for the report.</summary>
    public async Task RunAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception ex)
        {
            await CaptureAsync(ex);
            throw;
        }

        Assert.True(ScriptDialogs.Count == 0, "A page raised a JavaScript dialog: " + string.Join("; ", ScriptDialogs));
    }

    private async Task CaptureAsync(Exception failure)
    {
        Directory.CreateDirectory(FailureFolder);
        await File.WriteAllTextAsync(Path.Combine(FailureFolder, $"{test}-failure.txt"), $"{DateTime.Now:O}\n{failure}");
        foreach (var (user, page) in pages)
        {
            try
            {
                var name = Path.Combine(FailureFolder, $"{test}-{user}");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = name + ".png", FullPage = true, Timeout = 5_000 });
                await File.WriteAllTextAsync(name + ".html", await page.ContentAsync());
            }
            catch (PlaywrightException)
            {
                // A page that cannot be captured (closed, crashed) must not hide the test's own failure.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var page in pages.Values)
        {
            await page.Context.CloseAsync();
        }

        pages.Clear();
    }
}
