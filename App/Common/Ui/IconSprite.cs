using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// MudBlazor's icons as one hidden SVG sprite, rendered once per page: rows refer to them with <c>&lt;use href="#ic-…"&gt;</c>
/// (see <see cref="HtmlMarkup.Icon"/>) instead of carrying each icon's path in every row's markup.
/// </summary>
public static class IconSprite
{
    private static readonly (string Id, string Svg)[] Symbols =
    [
        ("ic-person", Icons.Material.Filled.Person),
        ("ic-person-pin", Icons.Material.Filled.PersonPin),
        ("ic-place", Icons.Material.Filled.Place),
        ("ic-forum", Icons.Material.Filled.Forum),
        ("ic-newspaper", Icons.Material.Filled.Newspaper),
        ("ic-open-in-new", Icons.Material.Filled.OpenInNew),
        ("ic-link", Icons.Material.Filled.Link),
        ("ic-clock-Running", Icons.Material.Filled.Schedule),
        ("ic-clock-Warning", Icons.Material.Filled.HourglassBottom),
        ("ic-clock-Breached", Icons.Material.Filled.AlarmOn),
        ("ic-clock-Met", Icons.Material.Filled.CheckCircle),
        ("ic-clock-MetLate", Icons.Material.Filled.AssignmentLate),
        ("ic-clock-Stopped", Icons.Material.Filled.DoNotDisturbOn),
    ];

    /// <summary>The sprite (one shared string, not built per circuit).</summary>
    public static readonly MarkupString Markup = new(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\" focusable=\"false\">"
        + string.Concat(Symbols.Select(s => $"<symbol id=\"{s.Id}\" viewBox=\"0 0 24 24\">{s.Svg}</symbol>"))
        + "</svg>");

    /// <summary>The symbol of a clock state's icon (as <see cref="ClockView.Icon"/> would draw it).</summary>
    public static string ClockSymbol(OpinionResponse.Domain.Clocks.ClockState state) => $"ic-clock-{state}";
}
