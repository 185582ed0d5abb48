using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Triage;

/// <summary>Where a row's one-click suggestion action stands.</summary>
public enum SuggestionActionState
{
    Ready,
    Busy,
    Done,
}

/// <summary>Everything a queue row shows apart from its selection (which is on the row element itself).</summary>
/// <param name="Marker">The scoring policy's words, highlighted in the title and excerpt (a new policy rebuilds the row).</param>
public sealed record TriageRowView(ListTriageQueue.Row Item, bool IsNew, bool ClaimedByOther, string Ago, ClockView Clock,
    SuggestionActionState SuggestionAction, KeywordMarker Marker);

/// <summary>
/// The inside of a triage queue row as one piece of trusted markup (memory per circuit). A row of Blazor elements,
/// buttons and icons costs a circuit two render-tree buffers of ~100 frames each, and MudButtons and MudIcons a component
/// each; fifty rows cost ~1.5–2.5 MB per officer. As one <see cref="MarkupString"/> built only when what the row shows
/// changed, a row costs its string. Every user text is encoded (<see cref="HtmlMarkup"/>); clicks reach the page through
/// its one <c>@onrowaction</c> handler (<c>data-row-action</c> names the button).
/// </summary>
public static class TriageRowMarkup
{
    public const string OpenCase = "open-case";
    public const string Attach = "attach";
    public const string Dismiss = "dismiss";
    public const string SuggestionAttach = "suggestion-attach";
    public const string SuggestionGroup = "suggestion-group";

    public static MarkupString Build(TriageRowView view, IStringLocalizer l)
    {
        var item = view.Item;
        var html = new HtmlMarkup();
        html.Raw("<div class=\"triage-main\"><div class=\"triage-line\">");
        if (view.IsNew)
        {
            html.Raw("<span class=\"triage-new\" data-testid=\"triage-new\"").Attr("title", l["Triage.NewHint"]).Raw(">").Text(l["Triage.New"]).Raw("</span>");
        }

        html.Raw("<span class=\"channel-chip\" data-testid=\"triage-channel-chip\">").Text(ItemChannel.Label(l, item.Channel, item.Platform)).Raw("</span>")
            .Raw("<span class=\"triage-title\">").Marked(item.Title, view.Marker).Raw("</span>");
        var clock = view.Clock;
        html.Raw($"<span class=\"clock-chip clock-chip-{clock.State}\" data-testid=\"triage-clock\" data-clock=\"{clock.Kind}\" data-state=\"{clock.State}\"")
            .Attr("title", clock.Tooltip).Raw(">")
            .Icon(clock.Symbol, "clock-chip-icon")
            .Raw("<span class=\"clock-chip-name\">").Text($"{clock.Name} ").Raw("</span><span class=\"clock-chip-text\">").Text(clock.Text).Raw("</span></span>");
        if (item.ClaimedByName is { } claimant)
        {
            html.Raw("<span class=\"triage-claim\" data-testid=\"triage-claimed\">").Icon("ic-person-pin").Text(string.Format(l["Triage.ClaimedBy"], claimant)).Raw("</span>");
        }

        html.Raw("</div><div class=\"triage-excerpt\">").Marked(item.Content, view.Marker).Raw("</div>");
        if (item.Suggestion is { } suggestion)
        {
            Suggestion(html, suggestion, view.SuggestionAction, l);
        }

        html.Raw("<div class=\"triage-meta\">");
        var source = string.Join(" · ", new[] { item.SourceName, item.Author }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (source.Length > 0)
        {
            html.Raw("<span>").Icon("ic-person").Text(source).Raw("</span>");
        }

        if (!string.IsNullOrWhiteSpace(item.Location))
        {
            html.Raw("<span>").Icon("ic-place").Text(item.Location).Raw("</span>");
        }

        if (PublishTime.Describe(item.PublishedAt, item.CollectedAt, l) is { } published)
        {
            html.Raw("<span class=\"triage-published\" data-testid=\"row-published\">").Text(published).Raw("</span>");
        }

        if (item.Engagement > 0)
        {
            html.Raw("<span>").Icon("ic-forum").Text(string.Format(l["Triage.Engagement"], item.Engagement)).Raw("</span>");
        }

        if (!string.IsNullOrWhiteSpace(item.MediaPickup))
        {
            html.Raw("<span class=\"triage-media\">").Icon("ic-newspaper").Text(string.Format(l["Triage.MediaPickup"], item.MediaPickup)).Raw("</span>");
        }

        if (IsWebLink(item.Url))
        {
            html.Raw("<a data-row-link target=\"_blank\" rel=\"noopener noreferrer nofollow\"").Attr("href", item.Url).Raw(">")
                .Icon("ic-open-in-new").Text(l["Field.Url"]).Raw("</a>");
        }

        html.Raw("</div></div><div class=\"triage-time\"").Attr("title", string.Format(l["Triage.CollectedBy"], item.CollectedBy)).Raw(">")
            .Raw("<div class=\"triage-ago\">").Text(view.Ago).Raw("</div><div>").Text(item.CollectedAt.Beijing16()).Raw("</div></div>");

        // While someone else holds the item the buttons are off; the server refuses their commands anyway.
        html.Raw("<span class=\"triage-actions\"").Attr("title", view.ClaimedByOther ? l["Triage.ClaimedByOtherHint"].Value : null).Raw(">");
        Button(html, OpenCase, "row-btn row-btn-primary", l["Triage.OpenCase"], view.ClaimedByOther);
        Button(html, Attach, "row-btn row-btn-outlined", l["Triage.Attach"], view.ClaimedByOther);
        Button(html, Dismiss, "row-btn row-btn-text", l["Triage.Dismiss"], view.ClaimedByOther);
        html.Raw("</span>");
        return new MarkupString(html.ToString());
    }

    /// <summary>可能是同一事件: the case (or earlier item) the item is probably about, the reasons, and one click to attach or group.</summary>
    private static void Suggestion(HtmlMarkup html, ListTriageQueue.Suggestion s, SuggestionActionState state, IStringLocalizer l)
    {
        html.Raw($"<span class=\"triage-suggestion\" data-testid=\"triage-suggestion\" data-stage=\"{s.Stage}\"")
            .Attr("data-case-id", s.CaseId?.ToString(System.Globalization.CultureInfo.InvariantCulture)).Raw(">")
            .Icon("ic-link")
            .Raw("<span class=\"suggestion-label\">").Text(l["Suggestion.MaybeSame"]).Raw("</span>");
        if (s.CaseNumber is { } number)
        {
            html.Raw("<span class=\"suggestion-target\" data-testid=\"suggestion-case\">").Text($"{number} {s.CaseTitle}").Raw("</span>");
        }
        else if (s.RelatedItemTitle is { } title)
        {
            html.Raw("<span class=\"suggestion-target\" data-testid=\"suggestion-item\">").Text(string.Format(l["Suggestion.Related"], title)).Raw("</span>");
        }

        html.Raw("<span class=\"suggestion-reasons\" data-testid=\"suggestion-reasons\">").Text(SuggestionText.Reasons(s, l)).Raw("</span>");
        if (state != SuggestionActionState.Done)
        {
            var busy = state == SuggestionActionState.Busy;
            if (s.CaseId is not null)
            {
                Button(html, SuggestionAttach, "suggestion-action", l["Suggestion.AttachToCase"], busy);
            }
            else if (s.RelatedItemId is not null)
            {
                Button(html, SuggestionGroup, "suggestion-action", l["Suggestion.GroupWithItem"], busy);
            }
        }

        html.Raw("</span>");
    }

    private static void Button(HtmlMarkup html, string action, string cssClass, string label, bool disabled)
    {
        html.Raw($"<button type=\"button\" class=\"{cssClass}\" data-row-action=\"{action}\" data-testid=\"{action}\"{(disabled ? " disabled" : null)}>")
            .Text(label).Raw("</button>");
    }

    private static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
