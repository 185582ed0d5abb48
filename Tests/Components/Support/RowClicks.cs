using AngleSharp.Dom;
using Bunit;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.Tests.Components.Support;

/// <summary>
/// A click in a list that handles its rows' clicks with one <c>@onrowaction</c> handler, reported as the browser side
/// (<c>wwwroot/OpinionResponse.App.lib.module.js</c>) reports it: the nearest row's <c>data-row-key</c>, the nearest
/// control's <c>data-row-action</c>, nothing at all for a disabled button.
/// </summary>
public static class RowClicks
{
    public static void RowClick(this IElement target)
    {
        var control = target.Closest("[data-row-action], [data-row-link]");
        if (control is not null && control.HasAttribute("disabled"))
        {
            return;
        }

        var args = new RowActionEventArgs
        {
            Key = target.Closest("[data-row-key]")?.GetAttribute("data-row-key"),
            Action = control is null ? null : control.GetAttribute("data-row-action") ?? RowActionEventArgs.Link,
        };
        var list = target.Closest("[data-testid=triage-queue]") ?? throw new InvalidOperationException("The element is not in a list with row actions.");
        list.TriggerEvent("onrowaction", args);
    }
}
