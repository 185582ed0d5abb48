using Microsoft.Extensions.Localization;
using MudBlazor;
using OpinionResponse.Domain.Clocks;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// An SLA clock as the desk shows it at one moment: its state, the words (剩余 / 仅剩 / 已超时), the tooltip with start and
/// due time in Beijing time, and the icon. One description for the <see cref="ClockChip"/> component and for the plain
/// markup of a queue row (fifty rows do not get a component and a timer each).
/// </summary>
public sealed record ClockView(ClockKind Kind, ClockState State, string Name, string Text, string Tooltip)
{
    public string Icon => IconOf(State);

    /// <summary>The sprite symbol drawing <see cref="Icon"/> (see <see cref="IconSprite"/>).</summary>
    public string Symbol => SymbolOf(State);

    public static string SymbolOf(ClockState state) => $"ic-clock-{state}";

    public static ClockView Describe(SlaClock clock, DateTime nowUtc, IStringLocalizer l)
    {
        var state = clock.StateAt(nowUtc);
        var remaining = clock.RemainingAt(nowUtc);
        var text = state switch
        {
            ClockState.Running => string.Format(l["Clock.Left"], Span(l, remaining)),
            ClockState.Warning => string.Format(l["Clock.LeftWarning"], Span(l, remaining)),
            ClockState.Breached => string.Format(l["Clock.Overdue"], Span(l, -remaining)),
            ClockState.Met => l["Clock.Met"].Value,
            ClockState.MetLate => l["Clock.MetLate"].Value,
            _ => l["Clock.Stopped"].Value,
        };
        var lines = new List<string>
        {
            $"{l[$"Clock.{clock.Kind}"]} · {l[$"Clock.State.{state}"]}",
            string.Format(l["Clock.StartedAt"], clock.StartedAt.Beijing16()),
            string.Format(l["Clock.DueAt"], clock.DueAt.Beijing16()),
        };
        if (clock.StoppedAt is { } stoppedAt)
        {
            lines.Add(string.Format(l["Clock.StoppedAt"], stoppedAt.Beijing16()));
        }

        return new ClockView(clock.Kind, state, l[$"Clock.Short.{clock.Kind}"], text, string.Join("\n", lines));
    }

    /// <summary>2天3小时 / 1小时23分 / 25分钟 / 不足1分钟: to the minute, since a chip ticks every half minute.</summary>
    private static string Span(IStringLocalizer l, TimeSpan span) =>
        span.TotalDays >= 1 ? string.Format(l["Clock.Days"], (int)span.TotalDays, span.Hours)
        : span.TotalHours >= 1 ? string.Format(l["Clock.Hours"], (int)span.TotalHours, span.Minutes)
        : span.TotalMinutes >= 1 ? string.Format(l["Clock.Minutes"], (int)span.TotalMinutes)
        : l["Clock.UnderMinute"];

    public static string IconOf(ClockState state) => state switch
    {
        ClockState.Running => Icons.Material.Filled.Schedule,
        ClockState.Warning => Icons.Material.Filled.HourglassBottom,
        ClockState.Breached => Icons.Material.Filled.AlarmOn,
        ClockState.Met => Icons.Material.Filled.CheckCircle,
        ClockState.MetLate => Icons.Material.Filled.AssignmentLate,
        _ => Icons.Material.Filled.DoNotDisturbOn,
    };
}
