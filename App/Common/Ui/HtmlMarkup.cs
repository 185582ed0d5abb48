using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// Builds trusted HTML for a <see cref="Microsoft.AspNetCore.Components.MarkupString"/>: every text and attribute value
/// goes through the HTML encoder, so user text (a title with <c>&lt;script&gt;</c>) stays text. Chinese is kept as is
/// (the default encoder would turn every character into an entity and triple the string).
/// </summary>
public sealed class HtmlMarkup
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder html = new(1024);

    /// <summary>Markup the caller wrote (tags, constant attributes): never pass user text here.</summary>
    public HtmlMarkup Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    public HtmlMarkup Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            html.Append(Encoder.Encode(text));
        }

        return this;
    }

    /// <summary><c> name="value"</c>, encoded; nothing when the value is null.</summary>
    public HtmlMarkup Attr(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        html.Append(' ').Append(name).Append("=\"");
        html.Append(Encoder.Encode(value)).Append('"');
        return this;
    }

    /// <summary><paramref name="text"/> with the words <paramref name="marker"/> finds in <c>&lt;mark&gt;</c>: each piece encoded first.</summary>
    public HtmlMarkup Marked(string? text, KeywordMarker marker)
    {
        foreach (var (piece, marked) in marker.Split(text))
        {
            if (marked)
            {
                html.Append("<mark class=\"kw\">").Append(Encoder.Encode(piece)).Append("</mark>");
            }
            else
            {
                html.Append(Encoder.Encode(piece));
            }
        }

        return this;
    }

    /// <summary>A small MudBlazor-looking icon drawn from the page's <see cref="IconSprite"/>.</summary>
    public HtmlMarkup Icon(string symbolId, string? cssClass = null)
    {
        html.Append("<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-small");
        if (cssClass is not null)
        {
            html.Append(' ').Append(cssClass);
        }

        html.Append("\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><use href=\"#").Append(symbolId).Append("\"/></svg>");
        return this;
    }

    public override string ToString() => html.ToString();
}
