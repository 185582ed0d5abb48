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
        .. Enum.GetValues<OpinionResponse.Domain.Clocks.ClockState>().Select(s => (ClockView.SymbolOf(s), ClockView.IconOf(s))),
    ];

    /// <summary>The sprite (one shared string, not built per circuit).</summary>
    public static readonly MarkupString Markup = new(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\" focusable=\"false\">"
        + string.Concat(Symbols.Select(s => $"<symbol id=\"{s.Id}\" viewBox=\"0 0 24 24\">{s.Svg}</symbol>"))
        + "</svg>");
}
