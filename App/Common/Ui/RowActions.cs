using Microsoft.AspNetCore.Components;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// One click handler for a whole list instead of one per row and button (<c>@onrowaction</c>): a live list of fifty rows
/// with three buttons each would otherwise hold two hundred handlers and the render-tree frames around them in every
/// circuit. The browser side (<c>wwwroot/OpinionResponse.App.lib.module.js</c>) reports which row was clicked
/// (<c>data-row-key</c> of the nearest ancestor) and which control in it (<c>data-row-action</c>, or "link" for a
/// <c>data-row-link</c>); a click on a disabled button never fires. It also keeps keys typed on those controls from
/// reaching the list's own shortcuts, as <c>@onkeydown:stopPropagation</c> on each would.
/// </summary>
/// <remarks>The Razor compiler looks for <c>[EventHandler]</c> only on public static classes named <c>EventHandlers</c>.</remarks>
[EventHandler("onrowaction", typeof(RowActionEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}

public sealed class RowActionEventArgs : EventArgs
{
    /// <summary>The <c>data-row-key</c> of the row clicked; null for a click outside any row.</summary>
    public string? Key { get; set; }

    /// <summary>The <c>data-row-action</c> of the control clicked, "link" for a link; null for a click on the row itself.</summary>
    public string? Action { get; set; }

    public const string Link = "link";
}
