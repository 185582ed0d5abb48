using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// The browser desk with time replaced by a <see cref="FakeTimeProvider"/> that the test moves, and an assessment clock of
/// four minutes (warning at three) so that moving time never outlasts a session. The clock watcher runs when the test
/// says (<see cref="ScanAtAsync"/>), exactly as its background round would.
/// </summary>
public sealed class ClockBrowserFixture : BrowserFixture
{
    public static readonly TimeSpan Assessment = TimeSpan.FromMinutes(4);

    public ClockBrowserFixture()
        : this(new FakeTimeProvider(TimeProvider.System.GetUtcNow()))
    {
    }

    private ClockBrowserFixture(FakeTimeProvider time)
        : base(seedDemoData: false, new() { ["Sla:Assessment"] = Assessment.ToString("c", CultureInfo.InvariantCulture) },
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)))
    {
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>Moves time to <paramref name="at"/> (UTC) and runs one round of the clock watcher.</summary>
    public async Task ScanAtAsync(DateTime at)
    {
        Time.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero));
        await App.Services.GetRequiredService<ClockWatcher>().ScanAsync(CancellationToken.None);
    }

    public async Task<DateTime> CaseCreatedAtAsync(int caseId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Cases.Where(c => c.Id == caseId).Select(c => c.CreatedAt).SingleAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClockBrowserCollection : ICollectionFixture<ClockBrowserFixture>
{
    public const string Name = "browser-clocks";
}

/// <summary>The clocks act on open pages: a chip changes colour at its thresholds without a reload, and the bells ring.</summary>
[Collection(ClockBrowserCollection.Name)]
public sealed class ClockBrowserTests(ClockBrowserFixture fixture)
{
    private const float LiveWithin = 5_000;

    [Fact]
    public async Task A_case_clock_turns_orange_then_red_on_the_open_case_page_and_the_section_chiefs_bell_rings()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            await chief.OpenAsync("/cases");
            var chiefBell = chief.GetByTestId("bell-count");
            var chiefUnread = await CountAsync(chiefBell);

            var duty = await desk.AsAsync(DemoAccounts.Duty);
            var caseId = await duty.LogAndOpenCaseAsync($"滨江路路灯不亮 {Guid.NewGuid().ToString("N")[..6]}", "市民来电：滨江路一段路灯连续三晚不亮，夜间行人不便。");
            var chip = duty.Locator("[data-testid=case-clocks] [data-testid=case-clock][data-clock=Assessment]");
            await Expect(chip).ToHaveAttributeAsync("data-state", "Running");
            var dutyBell = duty.GetByTestId("bell-count");
            var dutyUnread = await CountAsync(dutyBell);
            await duty.MarkAsync();
            await chief.MarkAsync();
            var created = await fixture.CaseCreatedAtAsync(caseId);

            // 75 %: the chip turns orange and the owner (the duty officer who opened the case) is warned in the bell.
            await fixture.ScanAtAsync(created + ClockBrowserFixture.Assessment * 0.75);
            await Expect(chip).ToHaveAttributeAsync("data-state", "Warning", new() { Timeout = LiveWithin });
            await Expect(chip).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bclock-chip-Warning\b"));
            await Expect(dutyBell).ToHaveTextAsync(Number(dutyUnread + 1), new() { Timeout = LiveWithin });
            await Expect(chiefBell).ToHaveTextAsync(Number(chiefUnread));

            // 100 %: red, and the breach is escalated: the section chief's bell on the page he has open rings.
            await fixture.ScanAtAsync(created + ClockBrowserFixture.Assessment);
            await Expect(chip).ToHaveAttributeAsync("data-state", "Breached", new() { Timeout = LiveWithin });
            await Expect(chiefBell).ToHaveTextAsync(Number(chiefUnread + 1), new() { Timeout = LiveWithin });
            await duty.ExpectNotReloadedAsync();
            await chief.ExpectNotReloadedAsync();
        });
    }

    private static async Task<int> CountAsync(ILocator bellCount) =>
        int.Parse((await bellCount.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
