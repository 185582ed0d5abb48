using Microsoft.AspNetCore.Components;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// A MudBlazor icon as plain markup, looking as <c>&lt;MudIcon Size="Size.Small"/&gt;</c> does: one render-tree frame instead
/// of a component with its parameter state. For markup repeated on every row of a live list.
/// </summary>
public static class SvgIcon
{
    /// <param name="icon">One of MudBlazor's <c>Icons.Material.*</c> constants (trusted SVG content, never user input).</param>
    public static MarkupString Small(string icon, string? cssClass = null) =>
        new($"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-small{(cssClass is null ? null : " " + cssClass)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>");
}
