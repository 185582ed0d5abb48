using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// The real app on a real Kestrel port with the real cookie sign-in, driven by Debian's Chromium through Playwright
/// (Playwright's own browser download does not work here: PLAYWRIGHT_CHROMIUM_EXECUTABLE or /usr/bin/chromium).
/// The desk holds the demo organisation only (units, one account per role): each test makes the items and cases it needs.
/// </summary>
public class BrowserFixture : IAsyncLifetime, IDeskBrowser
{
    /// <summary>How long a step may take on a busy two-core machine before the test fails (actions and Expect assertions).</summary>
    public const float StepTimeout = 15_000;

    private IPlaywright? playwright;

    public BrowserFixture()
        : this(seedDemoData: false)
    {
    }

    protected BrowserFixture(bool seedDemoData, Dictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        App = new TestApp { FakeSignIn = false, SeedDemoData = seedDemoData, TestServices = services };
        // A live page notices an ended session within seconds, not the minute a user would wait.
        App.Settings["Security:Sessions:RevalidationInterval"] = "00:00:03";
        foreach (var (key, value) in settings ?? [])
        {
            App.Settings[key] = value;
        }
    }

    public TestApp App { get; }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(StepTimeout);
        App.UseKestrel(0);
        App.StartServer();
        await App.InitializeAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(playwright);
        await WarmUpAsync(this);
    }

    /// <summary>Debian's Chromium, headless, as every browser test drives it.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } path ? path : "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    });

    /// <summary>
    /// The first sign-in and the first circuit of a fresh app compile the sign-in, the layout and the pages, which on a busy
    /// two-core machine (another fixture starting beside this one) can take longer than a step may: pay for it here.
    /// </summary>
    public static async Task WarmUpAsync(IDeskBrowser app)
    {
        const float patient = 90_000;
        var page = await app.SignInAsync(DemoAccounts.Duty, timeout: patient);
        page.Context.SetDefaultTimeout(patient);
        page.Context.SetDefaultNavigationTimeout(patient);
        try
        {
            await page.GotoAsync("/triage");
            await page.Locator("[data-interactive='true']").First.WaitForAsync();
            await page.GotoAsync("/cases");
            await page.Locator("[data-interactive='true']").First.WaitForAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A fresh browser context signed in as <paramref name="account"/>, on a page whose circuit is connected.</summary>
    public Task<IPage> SignInAsync(DemoAccount account, string locale = "zh-CN", float timeout = StepTimeout) =>
        SignInAsync(Browser, BaseUrl, account, locale, timeout);

    /// <summary>The same on the app at <paramref name="baseUrl"/>.</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, string baseUrl, DemoAccount account, string locale, float timeout)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(timeout);
        context.SetDefaultNavigationTimeout(timeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", account.UserName);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        return page;
    }

    /// <summary>A prerendered page ignores clicks until its circuit connects: wait for the layout's marker.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-interactive='true']").First.WaitForAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The same, on a desk seeded with the whole demo (items in the queue, cases in every state), as a developer sees it.</summary>
public sealed class DemoBrowserFixture : BrowserFixture
{
    public DemoBrowserFixture()
        : base(seedDemoData: true)
    {
    }
}

/// <summary>Where a <see cref="BrowserDesk"/> signs its people in: one app, or one node of several.</summary>
public interface IDeskBrowser
{
    /// <summary>A fresh browser context signed in as <paramref name="account"/>, on a page whose circuit is connected.</summary>
    Task<IPage> SignInAsync(DemoAccount account, string locale = "zh-CN", float timeout = BrowserFixture.StepTimeout);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// A second app and browser of the same kind, for half of the browser test classes: the two halves run beside each
/// other (and beside the other collections), which roughly halves the browser layer's share of a test run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser-second";
}

[CollectionDefinition(Name)]
public sealed class DemoBrowserCollection : ICollectionFixture<DemoBrowserFixture>
{
    public const string Name = "browser-demo";
}
