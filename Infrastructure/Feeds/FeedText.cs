using System.Net;
using System.Text;

namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>
/// Feed text as the desk stores it: plain text only. HTML is reduced to its words (scripts, styles and frames dropped
/// with their content, blocks become line breaks, entities decoded); control characters and bidirectional overrides
/// are removed. A hand-written linear scanner, not a regex: a hostile feed cannot make it backtrack.
/// </summary>
public static class FeedText
{
    /// <summary>Elements whose content is not text for a reader: dropped whole.</summary>
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "textarea", "select", "head", "title",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section",
        "article", "header", "footer", "hr", "dd", "dt", "dl", "figure", "figcaption", "address", "aside", "nav",
    };

    /// <summary>One line each: a break before them, none after (a list reads as lines, paragraphs as paragraphs).</summary>
    private static readonly HashSet<string> LineItems = new(StringComparer.OrdinalIgnoreCase) { "li", "tr", "dt", "dd", "br" };

    public static string FromHtml(string html)
    {
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }

            text.Append(html, i, lt - i);
            i = SkipMarkup(html, lt, text);
        }

        return Clean(WebUtility.HtmlDecode(text.ToString()), keepLines: true);
    }

    /// <summary>Plain text: control characters out, whitespace tidied. Titles and names keep one line.</summary>
    public static string Clean(string text, bool keepLines)
    {
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        var newlines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '\r' || ch == '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                if (keepLines)
                {
                    newlines++;
                    pendingSpace = false;
                }
                else
                {
                    pendingSpace = true;
                }

                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = true;
                continue;
            }

            if (char.IsControl(ch) || IsBidiControl(ch) || ch == '\uFEFF')
            {
                continue;
            }

            if (result.Length > 0)
            {
                if (newlines > 0)
                {
                    result.Append(newlines > 1 ? "\n\n" : "\n");
                }
                else if (pendingSpace)
                {
                    result.Append(' ');
                }
            }

            newlines = 0;
            pendingSpace = false;
            result.Append(ch);
        }

        return result.ToString();
    }

    /// <summary>
    /// HTML named entities (&amp;nbsp; &amp;mdash; …) written straight into a feed's XML — common in portal feeds, and
    /// undeclared in XML — become numeric character references, so the feed is not refused for them. Each names one
    /// fixed character: nothing expands, and a DTD stays refused. Unknown names are left for the parser to refuse.
    /// </summary>
    public static string HtmlEntitiesToNumeric(string xml)
    {
        var amp = xml.IndexOf('&');
        if (amp < 0)
        {
            return xml;
        }

        var result = new StringBuilder(xml.Length);
        var from = 0;
        while (amp >= 0)
        {
            var end = amp + 1;
            while (end < xml.Length && end - amp <= 32 && char.IsAsciiLetterOrDigit(xml[end]))
            {
                end++;
            }

            if (end < xml.Length && xml[end] == ';' && end > amp + 1 && char.IsAsciiLetter(xml[amp + 1]))
            {
                var name = xml[(amp + 1)..end];
                if (name is not ("amp" or "lt" or "gt" or "quot" or "apos"))
                {
                    var decoded = WebUtility.HtmlDecode($"&{name};");
                    if (decoded.Length is 1 or 2 && decoded[0] != '&')
                    {
                        result.Append(xml, from, amp - from);
                        foreach (var rune in decoded.EnumerateRunes())
                        {
                            result.Append("&#").Append(rune.Value).Append(';');
                        }

                        from = end + 1;
                    }
                }
            }

            amp = xml.IndexOf('&', amp + 1);
        }

        result.Append(xml, from, xml.Length - from);
        return result.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters, ending in "…" when shortened; never splits a surrogate pair.</summary>
    public static string Truncate(string text, int max, out bool truncated)
    {
        truncated = text.Length > max;
        if (!truncated)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }

    private static bool IsBidiControl(char ch) => ch is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F';

    /// <returns>The index after the markup at <paramref name="lt"/>; a '&lt;' that starts no tag is kept as text.</returns>
    private static int SkipMarkup(string html, int lt, StringBuilder text)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        if (string.CompareOrdinal(html, lt, "<![CDATA[", 0, 9) == 0)
        {
            var end = html.IndexOf("]]>", lt + 9, StringComparison.Ordinal);
            var stop = end < 0 ? html.Length : end;
            text.Append(WebUtility.HtmlEncode(html[(lt + 9)..stop]));
            return end < 0 ? html.Length : end + 3;
        }

        var next = lt + 1 < html.Length ? html[lt + 1] : '\0';
        if (!(char.IsAsciiLetter(next) || next is '/' or '!' or '?'))
        {
            text.Append('<');
            return lt + 1;
        }

        var closing = next == '/';
        var nameStart = closing ? lt + 2 : lt + 1;
        var nameEnd = nameStart;
        while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
        {
            nameEnd++;
        }

        var tagEnd = EndOfTag(html, nameEnd);
        if (tagEnd < 0)
        {
            return html.Length;
        }

        var name = html[nameStart..nameEnd];
        if (!closing && Dropped.Contains(name) && html[tagEnd - 1] != '/')
        {
            var close = html.IndexOf("</" + name, tagEnd + 1, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                return html.Length;
            }

            var closeEnd = EndOfTag(html, close + 2 + name.Length);
            return closeEnd < 0 ? html.Length : closeEnd + 1;
        }

        if (Blocks.Contains(name) && !(closing && LineItems.Contains(name)))
        {
            text.Append('\n');
        }
        else if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
        {
            text.Append(' ');
        }

        return tagEnd + 1;
    }

    /// <summary>The index of the '&gt;' that ends the tag, honouring quoted attribute values; -1 if there is none.</summary>
    private static int EndOfTag(string html, int from)
    {
        char quote = '\0';
        for (var i = from; i < html.Length; i++)
        {
            var ch = html[i];
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                }
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
            }
            else if (ch == '>')
            {
                return i;
            }
        }

        return -1;
    }
}
