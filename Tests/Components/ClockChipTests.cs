using System.Globalization;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Board;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>
/// The countdown chip on its own, with a clock the test moves: the words for each state, the due time in Beijing time,
/// the tick every 30 seconds and the timer's end with the chip.
/// </summary>
public sealed class ClockChipTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private readonly ManualTime time = new(Start);
    private readonly BunitContext context = new();

    public ClockChipTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        context.Services.AddSingleton<TimeProvider>(time);
        context.Services.AddOptions();
        context.Services.AddLogging();
        context.Services.AddSingleton<OpinionResponse.Infrastructure.Live.ILiveEventHub, OpinionResponse.Infrastructure.Live.InProcessLiveEventHub>();
    }

    [Fact]
    public void A_running_chip_says_how_long_is_left_in_green_with_the_due_time_in_Beijing_time()
    {
        var chip = Render(Assessment(startedMinutesAgo: 30));

        var span = chip.Find("[data-testid=clock-chip]");
        Assert.Equal(("Assessment", "Running"), (span.GetAttribute("data-clock"), span.GetAttribute("data-state")));
        Assert.Contains("clock-chip-Running", span.ClassList);
        Assert.Equal("研判 剩余 1小时30分", Words(chip));
        Assert.Contains("研判时限 · 进行中", span.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("截止（北京时间）：2026-03-02 10:30", span.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void From_75_percent_the_chip_turns_amber_and_says_only_so_much_is_left()
    {
        var chip = Render(Assessment(startedMinutesAgo: 95));

        Assert.Contains("clock-chip-Warning", chip.Find("[data-testid=clock-chip]").ClassList);
        Assert.Equal("研判 仅剩 25分钟", Words(chip));
    }

    [Fact]
    public void Once_overdue_the_chip_turns_red_and_says_by_how_much()
    {
        var chip = Render(Assessment(startedMinutesAgo: 132));

        Assert.Contains("clock-chip-Breached", chip.Find("[data-testid=clock-chip]").ClassList);
        Assert.Equal("研判 已超时 12分钟", Words(chip));
    }

    [Fact]
    public void Stopped_clocks_say_how_they_ended()
    {
        Assert.Equal("研判 按时完成", Words(Render(Stopped(ClockStop.Met, afterMinutes: 100))));
        Assert.Equal("研判 超时完成", Words(Render(Stopped(ClockStop.Met, afterMinutes: 130))));
        Assert.Equal("研判 已停止", Words(Render(Stopped(ClockStop.CaseEnded, afterMinutes: 100))));
        Assert.Equal("研判 已超时 10分钟", Words(Render(Stopped(ClockStop.CaseEnded, afterMinutes: 130))));
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public void A_running_chip_ticks_every_30_seconds_from_green_to_amber_to_red()
    {
        var chip = Render(SlaPolicy.Default.Running(ClockKind.Triage, Start.AddMinutes(-7), Start));
        Assert.Equal("分拣 剩余 23分钟", Words(chip));
        Assert.Equal(ClockChip.TickInterval, time.Period);

        time.Advance(TimeSpan.FromSeconds(30));
        chip.WaitForAssertion(() => Assert.Equal("分拣 剩余 22分钟", Words(chip)));

        time.Advance(TimeSpan.FromMinutes(16));
        chip.WaitForAssertion(() => Assert.Equal("分拣 仅剩 6分钟", Words(chip)));
        Assert.Equal("Warning", chip.Find("[data-testid=clock-chip]").GetAttribute("data-state"));

        time.Advance(TimeSpan.FromMinutes(10));
        chip.WaitForAssertion(() => Assert.Equal("分拣 已超时 3分钟", Words(chip)));
        Assert.Equal("Breached", chip.Find("[data-testid=clock-chip]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task The_timer_ends_with_the_chip()
    {
        Render(Assessment(startedMinutesAgo: 10));
        Assert.Equal(1, time.ActiveTimers);

        await context.DisposeComponentsAsync();

        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public void A_list_row_gives_the_clock_as_kind_start_warning_and_due_and_nothing_shows_without_one()
    {
        var chip = context.Render<ClockChip>(p => p
            .Add(c => c.Kind, nameof(ClockKind.Response))
            .Add(c => c.StartedAt, Start.AddHours(-50))
            .Add(c => c.WarnAt, Start.AddHours(-14))
            .Add(c => c.DueAt, Start.AddHours(-2)));
        var none = context.Render<ClockChip>(p => p.Add(c => c.Kind, null));

        Assert.Equal("回应 已超时 2小时0分", Words(chip));
        Assert.Empty(none.Markup.Trim());
    }

    [Fact]
    public void A_list_row_turns_amber_at_the_warning_time_its_case_keeps_not_at_the_configured_share()
    {
        // A case opened under a policy version that warns at half time: 60 of 120 minutes used is amber, though 75 % is configured now.
        var chip = context.Render<ClockChip>(p => p
            .Add(c => c.Kind, nameof(ClockKind.Assessment))
            .Add(c => c.StartedAt, Start.AddMinutes(-60))
            .Add(c => c.WarnAt, Start)
            .Add(c => c.DueAt, Start.AddMinutes(60)));

        Assert.Equal(nameof(ClockState.Warning), chip.Find("[data-testid=clock-chip]").GetAttribute("data-state"));
    }

    [Fact]
    public void The_chip_speaks_English_too()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");

        Assert.Equal("Assess 12 min overdue", Words(Render(Assessment(startedMinutesAgo: 132))));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    private IRenderedComponent<ClockChip> Render(SlaClock clock) => context.Render<ClockChip>(p => p.Add(c => c.Clock, clock));

    private static string Words(IRenderedComponent<ClockChip> chip) =>
        string.Join(' ', chip.FindAll(".clock-chip-name, .clock-chip-text").Select(e => e.TextContent.Trim()));

    private static SlaClock Assessment(int startedMinutesAgo) =>
        SlaPolicy.Default.Running(ClockKind.Assessment, Start.AddMinutes(-startedMinutesAgo), Start);

    private static SlaClock Stopped(ClockStop stop, int afterMinutes)
    {
        var started = Start.AddHours(-5);
        return SlaClock.Create(ClockKind.Assessment, started, started.AddHours(2), 0.75, started.AddMinutes(afterMinutes), stop, Start);
    }

    /// <summary>A clock the test moves; every timer fires on each move.</summary>
    private sealed class ManualTime(DateTime start) : TimeProvider
    {
        private readonly List<ManualTimer> timers = [];
        private DateTimeOffset now = new(start);

        public int ActiveTimers => timers.Count(t => !t.Disposed);

        public TimeSpan? Period => timers.LastOrDefault()?.Period;

        public override DateTimeOffset GetUtcNow() => now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(callback, state, period);
            timers.Add(timer);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            now += by;
            foreach (var timer in timers.Where(t => !t.Disposed).ToList())
            {
                timer.Fire();
            }
        }
    }

    private sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan period) : ITimer
    {
        public bool Disposed { get; private set; }

        public TimeSpan Period { get; } = period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => !Disposed;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The chips where the desk reads them: the case header (every clock), the case list, the board card, the triage row.</summary>
public class ClockChipPlacesTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public async Task The_case_header_shows_every_clock_of_the_case_running_and_met()
    {
        var id = await Desk.NewCase().Major().InAsync(CaseState.Disposing);
        var expected = CaseClocks.For(await Desk.CaseAsync(id), SlaPolicy.Default, DateTime.UtcNow);

        SignIn(DemoAccounts.Chief);
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));
        page.WaitForElement("[data-testid=case-header] [data-testid=case-clocks]");

        var chips = page.FindAll("[data-testid=case-header] [data-testid=case-clock]");
        Assert.Equal(expected.Select(c => (c.Kind.ToString(), c.State.ToString())),
            chips.Select(c => (c.GetAttribute("data-clock")!, c.GetAttribute("data-state")!)));
        Assert.Equal(
            [(nameof(ClockKind.Assessment), nameof(ClockState.Met)), (nameof(ClockKind.UpwardReport), nameof(ClockState.Met)),
                (nameof(ClockKind.AuthoritativeInformation), nameof(ClockState.Running)), (nameof(ClockKind.PressConference), nameof(ClockState.Running))],
            chips.Select(c => (c.GetAttribute("data-clock")!, c.GetAttribute("data-state")!)));
    }

    [Fact]
    public async Task The_case_list_and_the_board_show_the_most_urgent_running_clock()
    {
        var tag = Features.Support.Desk.Tag();
        var id = await Desk.NewCase().Titled($"{tag} 待研判").InAsync(CaseState.Collected);
        var ended = await Desk.NewCase().Titled($"{tag} 已办结").InAsync(CaseState.Closed);
        SignIn(DemoAccounts.Chief);

        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"cases?q={Uri.EscapeDataString(tag)}");
        var list = RenderPage<CaseListPage>();
        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=case-row]").Count));
        var chip = list.Find($"[data-testid=case-row][data-case-id='{id}'] [data-testid=case-clock]");
        Assert.Equal(("Assessment", "Running"), (chip.GetAttribute("data-clock"), chip.GetAttribute("data-state")));
        Assert.StartsWith("研判 剩余 1小时5", chip.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(list.FindAll($"[data-testid=case-row][data-case-id='{ended}'] [data-testid=case-clock]"));

        await Context.DisposeComponentsAsync();
        var board = RenderPage<BoardPage>();
        board.WaitForElement($"[data-testid=board-card][data-case-id='{id}']");
        var cardChip = board.Find($"[data-testid=board-card][data-case-id='{id}'] [data-testid=board-card-clock]");
        Assert.Equal(("Assessment", "Running"), (cardChip.GetAttribute("data-clock"), cardChip.GetAttribute("data-state")));
    }

    [Fact]
    public async Task Each_triage_row_shows_the_items_triage_clock()
    {
        var itemId = await Desk.LogItemAsync();
        SignIn(DemoAccounts.Duty);

        var page = RenderPage<TriagePage>();
        var chip = page.WaitForElement($"[data-testid=triage-row][data-item-id='{itemId}'] [data-testid=triage-clock]");

        Assert.Equal(("Triage", "Running"), (chip.GetAttribute("data-clock"), chip.GetAttribute("data-state")));
        Assert.Contains("分拣", chip.TextContent, StringComparison.Ordinal);
    }
}
