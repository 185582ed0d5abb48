using System.Globalization;
using System.Text;
using System.Xml;

namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>One entry of a feed, already plain text and within the desk's limits.</summary>
/// <param name="Id">RSS guid or Atom id, when the feed gives one.</param>
/// <param name="Link">An absolute http(s) link, or null.</param>
/// <param name="Truncated">The text was longer than the limit and was shortened (the link leads to the whole).</param>
public sealed record FeedEntry(string? Id, string? Link, string Title, string Content, string? Author, DateTimeOffset? PublishedAt, bool Truncated);

/// <summary>An entry left out, with why.</summary>
public sealed record FeedSkip(string Code, string Detail)
{
    public string Reason => FeedReasons.Format(Code, Detail);
}

public sealed record FeedDocument(string? Title, IReadOnlyList<FeedEntry> Entries, IReadOnlyList<FeedSkip> Skipped);

public sealed record FeedLimits(int MaxEntryChars, int MaxEntryRawChars, int MaxEntries, long MaxDocumentChars)
{
    public static FeedLimits From(FeedOptions options) =>
        new(options.MaxEntryChars, options.MaxEntryRawChars, options.MaxEntries, options.MaxBytes);
}

/// <summary>
/// Reads RSS 2.0 (and 0.9x/1.0) and Atom 1.0 with a hardened <see cref="XmlReader"/>: no DTD at all (a DOCTYPE refuses
/// the feed, so neither entity expansion — billion laughs — nor external entities — XXE — can happen), no resolver,
/// a bound on the document's size. Entries are read one by one; a broken or oversized entry is skipped with a reason,
/// a document that is not well-formed XML refuses the feed.
/// </summary>
public static class FeedParser
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static FeedDocument Parse(ReadOnlySpan<byte> body, string? contentTypeCharset, FeedLimits limits, Uri? baseUri = null) =>
        Parse(FeedEncoding.Decode(body, contentTypeCharset), limits, baseUri);

    public static FeedDocument Parse(string text, FeedLimits limits, Uri? baseUri = null)
    {
        if (LooksLikeHtml(text))
        {
            // An error or login page served in the feed's place: not hostile, just not a feed.
            throw new FeedProblemException(FeedReasons.HtmlPage, string.Empty);
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = limits.MaxDocumentChars,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            // Stray control characters are common in portal feeds: they are removed from the text instead of refusing it.
            CheckCharacters = false,
            CloseInput = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(FeedText.HtmlEntitiesToNumeric(text)), settings);
            return Read(reader, limits, baseUri);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedProblemException(FeedReasons.HostileXml, string.Empty, ex);
        }
        catch (XmlException ex) when (ex.Message.Contains("MaxCharacters", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedProblemException(FeedReasons.TooLarge, string.Empty, ex);
        }
        catch (XmlException ex)
        {
            throw new FeedProblemException(FeedReasons.MalformedXml, FeedReasons.Detail(ex.LineNumber, ex.LinePosition), ex);
        }
    }

    private static bool LooksLikeHtml(string text)
    {
        var start = text.AsSpan().TrimStart().TrimStart('\uFEFF');
        if (start.StartsWith("<?xml", StringComparison.Ordinal))
        {
            var end = start.IndexOf("?>", StringComparison.Ordinal);
            start = end < 0 ? start : start[(end + 2)..].TrimStart();
        }

        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static FeedDocument Read(XmlReader reader, FeedLimits limits, Uri? baseUri)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw new FeedProblemException(FeedReasons.NotAFeed, string.Empty);
        }

        var isAtom = reader.LocalName == "feed" && reader.NamespaceURI == AtomNs;
        if (!isAtom && reader.LocalName is not ("rss" or "RDF"))
        {
            throw new FeedProblemException(FeedReasons.NotAFeed, FeedReasons.Detail($"<{Short(reader.Name)}>"));
        }

        string? title = null;
        var entries = new List<FeedEntry>();
        var skipped = new List<FeedSkip>();
        var entryName = isAtom ? "entry" : "item";
        var more = reader.Read();
        while (more)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == entryName && (!isAtom || reader.NamespaceURI == AtomNs))
            {
                if (entries.Count >= limits.MaxEntries)
                {
                    skipped.Add(new FeedSkip(FeedReasons.TooManyEntries, FeedReasons.Detail(limits.MaxEntries)));
                    // Skip() leaves the reader on the next node already.
                    reader.Skip();
                    more = !reader.EOF;
                    continue;
                }

                using (var entry = reader.ReadSubtree())
                {
                    var (read, skip) = ReadEntry(entry, isAtom, limits, baseUri);
                    if (read is not null)
                    {
                        entries.Add(read);
                    }

                    if (skip is not null)
                    {
                        skipped.Add(skip);
                    }
                }
            }
            else if (reader.NodeType == XmlNodeType.Element && title is null && reader.LocalName == "title" && reader.Depth <= 2)
            {
                title = FeedText.Clean(ReadText(reader, limits.MaxEntryRawChars, out _), keepLines: false);
            }

            more = reader.Read();
        }

        return new FeedDocument(title, entries, skipped);
    }

    private static (FeedEntry? Entry, FeedSkip? Skip) ReadEntry(XmlReader entry, bool isAtom, FeedLimits limits, Uri? baseUri)
    {
        entry.MoveToContent();
        string? id = null, link = null, alternate = null, author = null, title = null, summary = null, content = null;
        DateTimeOffset? published = null, updated = null;
        var titleIsHtml = !isAtom;
        var contentIsHtml = true;
        var summaryIsHtml = true;
        var tooLarge = false;
        while (entry.Read())
        {
            if (entry.NodeType != XmlNodeType.Element || entry.Depth != 1)
            {
                continue;
            }

            var ns = entry.NamespaceURI;
            var name = entry.LocalName;
            var over = false;
            switch (name)
            {
                case "title" when !isAtom || ns == AtomNs:
                    titleIsHtml = !isAtom || IsHtml(entry.GetAttribute("type"));
                    title = ReadMarkup(entry, XhtmlIf(isAtom, entry), limits.MaxEntryRawChars, out over);
                    break;
                case "link" when isAtom && ns == AtomNs:
                    var rel = entry.GetAttribute("rel");
                    var href = entry.GetAttribute("href");
                    if (rel is null or "alternate")
                    {
                        alternate ??= href;
                    }
                    else
                    {
                        link ??= href;
                    }

                    over = false;
                    break;
                case "link" when !isAtom:
                    alternate ??= ReadText(entry, limits.MaxEntryRawChars, out over);
                    break;
                case "guid" when !isAtom:
                    var permaLink = entry.GetAttribute("isPermaLink");
                    id = ReadText(entry, limits.MaxEntryRawChars, out over);
                    if (permaLink is null or "true")
                    {
                        link ??= id;
                    }

                    break;
                case "id" when isAtom && ns == AtomNs:
                    id = ReadText(entry, limits.MaxEntryRawChars, out over);
                    break;
                case "description" when !isAtom:
                case "summary" when isAtom && ns == AtomNs:
                    summaryIsHtml = !isAtom || IsHtml(entry.GetAttribute("type"));
                    summary = ReadMarkup(entry, XhtmlIf(isAtom, entry), limits.MaxEntryRawChars, out over);
                    break;
                case "encoded" when ns == ContentNs:
                    content = ReadMarkup(entry, xhtml: false, limits.MaxEntryRawChars, out over);
                    contentIsHtml = true;
                    break;
                case "content" when isAtom && ns == AtomNs:
                    if (entry.GetAttribute("src") is not null)
                    {
                        over = false;
                        break;
                    }

                    contentIsHtml = IsHtml(entry.GetAttribute("type"));
                    content = ReadMarkup(entry, XhtmlIf(isAtom, entry), limits.MaxEntryRawChars, out over);
                    break;
                case "pubDate" when !isAtom:
                case "published" when ns == AtomNs:
                case "date" when ns == DcNs:
                    published ??= ParseDate(ReadText(entry, 200, out over));
                    break;
                case "updated" when ns == AtomNs:
                    updated = ParseDate(ReadText(entry, 200, out over));
                    break;
                case "author" when isAtom && ns == AtomNs:
                    author ??= ReadAtomPerson(entry, out over);
                    break;
                case "author" when !isAtom:
                case "creator" when ns == DcNs:
                    author ??= AuthorName(ReadText(entry, limits.MaxEntryRawChars, out over));
                    break;
                default:
                    over = false;
                    break;
            }

            tooLarge |= over;
        }

        var reference = Clip(id ?? alternate ?? link ?? title ?? "", 120);
        if (tooLarge)
        {
            return (null, new FeedSkip(FeedReasons.EntryTooLarge, FeedReasons.Detail(reference, limits.MaxEntryRawChars)));
        }

        var text = ToText(content, contentIsHtml) is { Length: > 0 } fromContent ? fromContent : ToText(summary, summaryIsHtml);
        var plainTitle = FeedText.Clean(titleIsHtml ? FeedText.FromHtml(title ?? "") : title ?? "", keepLines: false);
        if (text.Length == 0 && plainTitle.Length == 0)
        {
            return (null, new FeedSkip(FeedReasons.EntryEmpty, FeedReasons.Detail(reference)));
        }

        // 不漏报: an entry that is only a headline is still an item; its text is the headline.
        if (text.Length == 0)
        {
            text = plainTitle;
        }

        if (plainTitle.Length == 0)
        {
            plainTitle = FirstLine(text, 60);
        }

        var shortened = FeedText.Truncate(text, limits.MaxEntryChars, out var truncated);
        // A guid is a link only when it is an absolute web address: many portals leave isPermaLink out on plain ids.
        var entryLink = Absolute(alternate, baseUri) ?? Absolute(link, baseUri: null);
        var cleanId = id is null ? null : FeedText.Clean(id, keepLines: false);
        var result = new FeedEntry(
            string.IsNullOrEmpty(cleanId) ? null : cleanId,
            entryLink,
            FeedText.Truncate(plainTitle, 500, out _),
            shortened,
            author is null ? null : FeedText.Truncate(FeedText.Clean(author, keepLines: false), 100, out _) is { Length: > 0 } a ? a : null,
            published ?? updated,
            truncated);
        return (result, truncated ? new FeedSkip(FeedReasons.EntryTruncated, FeedReasons.Detail(reference, text.Length, limits.MaxEntryChars)) : null);
    }

    private static bool XhtmlIf(bool isAtom, XmlReader reader) => isAtom && reader.GetAttribute("type") == "xhtml";

    private static bool IsHtml(string? atomType) => atomType is "html" or "xhtml" or "text/html";

    private static string ToText(string? markup, bool isHtml) =>
        markup is null ? string.Empty : isHtml ? FeedText.FromHtml(markup) : FeedText.Clean(markup, keepLines: true);

    /// <summary>
    /// An element's content as HTML source: text and CDATA as they are (RSS carries escaped HTML), child elements as
    /// bare tags (attributes dropped) so the HTML reduction sees blocks and scripts. In Atom xhtml the text is text.
    /// </summary>
    private static string ReadMarkup(XmlReader reader, bool xhtml, int max, out bool over)
    {
        over = false;
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var markup = new StringBuilder();
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (over)
            {
                continue;
            }

            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    markup.Append(xhtml ? System.Net.WebUtility.HtmlEncode(reader.Value) : reader.Value);
                    break;
                case XmlNodeType.Element:
                    markup.Append('<').Append(reader.LocalName).Append(reader.IsEmptyElement ? "/>" : ">");
                    break;
                case XmlNodeType.EndElement:
                    markup.Append("</").Append(reader.LocalName).Append('>');
                    break;
            }

            over = markup.Length > max;
        }

        return over ? string.Empty : markup.ToString();
    }

    /// <summary>An element's text (child elements' text included), XML entities already decoded.</summary>
    private static string ReadText(XmlReader reader, int max, out bool over)
    {
        over = false;
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (!over && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
                over = text.Length > max;
            }
        }

        return over ? string.Empty : text.ToString().Trim();
    }

    private static string? ReadAtomPerson(XmlReader reader, out bool over)
    {
        over = false;
        if (reader.IsEmptyElement)
        {
            return null;
        }

        string? name = null;
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "name" && name is null)
            {
                name = ReadText(reader, 1000, out over);
            }
        }

        return name;
    }

    /// <summary>RSS authors are often "mail@example.com (Name)": the name is what the desk wants.</summary>
    private static string? AuthorName(string text)
    {
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        var name = open >= 0 && close > open + 1 && text.Contains('@') ? text[(open + 1)..close] : text;
        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    private static string? Absolute(string? link, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        var trimmed = link.Trim();
        var uri = Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && IsWeb(absolute) ? absolute
            : baseUri is not null && !HasScheme(trimmed) && Uri.TryCreate(baseUri, trimmed, out var relative) ? relative
            : null;
        return uri is not null && IsWeb(uri) && uri.AbsoluteUri.Length <= 2000 ? uri.AbsoluteUri : null;
    }

    private static bool IsWeb(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>"javascript:…", "data:…", "file:…": not a path to resolve against the feed's address.</summary>
    private static bool HasScheme(string link)
    {
        var colon = link.IndexOf(':');
        return colon > 0 && char.IsAsciiLetter(link[0]) && link[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }

    private static readonly string[] Rfc822Formats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz",
        "ddd, d MMM yy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss zzz",
    ];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm",
        "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy年M月d日 H:mm:ss", "yyyy年M月d日 H:mm", "yyyy年M月d日",
    ];

    /// <summary>
    /// RFC 822 (RSS), RFC 3339 (Atom) and the zone-less forms Chinese portals write ("2026-11-28 08:30"), read as Beijing
    /// time. A date that cannot be read is left out; it never costs the entry.
    /// </summary>
    public static DateTimeOffset? ParseDate(string text)
    {
        var value = text.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        var rfc822 = NormalizeZone(value);
        if (DateTimeOffset.TryParseExact(rfc822, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return parsed;
        }

        if (LooksZoned(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out parsed))
        {
            return parsed;
        }

        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Beijing);
        }

        return null;
    }

    private static bool LooksZoned(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');

    private static string NormalizeZone(string value)
    {
        var space = value.LastIndexOf(' ');
        if (space < 0)
        {
            return value;
        }

        var zone = value[(space + 1)..];
        var offset = zone.ToUpperInvariant() switch
        {
            "GMT" or "UT" or "UTC" or "Z" => "+00:00",
            "EST" => "-05:00",
            "EDT" => "-04:00",
            // In a Chinese portal's feed CST is China Standard Time, not US Central.
            "CST" => "+08:00",
            "PST" => "-08:00",
            "PDT" => "-07:00",
            _ when zone.Length == 5 && zone[0] is '+' or '-' && zone[1..].All(char.IsAsciiDigit) => $"{zone[..3]}:{zone[3..]}",
            _ => zone,
        };
        return value[..(space + 1)] + offset;
    }

    private static string FirstLine(string text, int max)
    {
        var newline = text.IndexOf('\n');
        var line = newline < 0 ? text : text[..newline];
        return FeedText.Truncate(line, max, out _);
    }

    private static string Clip(string text, int max) => FeedText.Truncate(FeedText.Clean(text, keepLines: false), max, out _);

    private static string Short(string text) => text.Length <= 40 ? text : text[..40];
}
