using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Benchmarks;

/// <summary>One Debian Chromium (Playwright's own browser download does not work here), one signed-in session shared by every tab.</summary>
public sealed class BenchBrowser : IAsyncDisposable
{
    public const float Patient = 120_000;

    private readonly IPlaywright playwright;
    private string? storageState;

    private BenchBrowser(IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        this.playwright = playwright;
        Browser = browser;
        BaseUrl = baseUrl;
    }

    public IBrowser Browser { get; }

    public string BaseUrl { get; }

    public static async Task<BenchBrowser> LaunchAsync(string baseUrl)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                // The many-circuits count frames /triage documents that Playwright hands over (to lift the app's
                // frame-ancestors 'none'): Chromium takes those for public pages and would block their WebSocket to 127.0.0.1.
                "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests"],
        });
        return new BenchBrowser(playwright, browser, baseUrl);
    }

    /// <summary>Signs in as a demo account (Development only: the demo password).</summary>
    public Task SignInAsync(DemoAccount account) => SignInAsync(account.UserName, DemoAccounts.Password);

    /// <summary>Signs in once through the real login form as <paramref name="userName"/>; later contexts reuse the cookie.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        var context = await NewRawContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.FillAsync("#username", userName);
            await page.FillAsync("#password", password);
            await page.ClickAsync("#login-submit");
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
            await WaitInteractiveAsync(page);
            storageState = await context.StorageStateAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The signed-in session's cookies as one <c>Cookie</c> header, for clients that are not a browser.</summary>
    public string CookieHeader()
    {
        using var state = System.Text.Json.JsonDocument.Parse(storageState ?? throw new InvalidOperationException("Not signed in."));
        return string.Join("; ", state.RootElement.GetProperty("cookies").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}={c.GetProperty("value").GetString()}"));
    }

    /// <summary>A new browser context (its own cookies, renderer and circuit), signed in, with the load-time probe installed.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await NewRawContextAsync(storageState);
        await context.AddInitScriptAsync(Scripts.InteractiveProbe);
        return context;
    }

    private async Task<IBrowserContext> NewRawContextAsync(string? state = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            StorageState = state,
        });
        context.SetDefaultTimeout(Patient);
        context.SetDefaultNavigationTimeout(Patient);
        return context;
    }

    /// <summary>Opens <paramref name="path"/> and waits until its circuit is connected (the layout's marker).</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        if (page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} redirected to the sign-in page: the shared sign-in cookie was not taken.");
        }

        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) => page.Locator("[data-interactive='true']").First.WaitForAsync();

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
