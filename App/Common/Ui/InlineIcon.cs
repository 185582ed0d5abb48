using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// A MudBlazor icon (<c>Icons.Material…</c>) as one piece of markup, the same <c>&lt;svg&gt;</c> MudIcon renders, built once
/// per icon and class in the process. The shell and the triage page use it instead of a <c>MudIcon</c> component: every
/// component costs each open circuit its state and two render-tree buffers (docs/benchmarks.md).
/// </summary>
public static class InlineIcon
{
    private static readonly ConcurrentDictionary<(string Svg, string? Class), MarkupString> Cache = new();

    public static MarkupString Of(string svg, string? cssClass = null) =>
        Cache.GetOrAdd((svg, cssClass), key => new MarkupString(
            $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium{(key.Class is null ? null : " " + key.Class)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Svg}</svg>"));
}
