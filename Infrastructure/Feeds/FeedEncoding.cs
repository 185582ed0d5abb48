using System.Text;

namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>
/// The text of a feed's bytes. Order: a byte-order mark; the XML declaration's encoding (written by the software that
/// wrote the bytes); the Content-Type charset (often a server-wide default, wrong for GBK portals); UTF-8. GB2312 and
/// GBK are read as GB18030, their superset, so a portal that declares GB2312 but uses a GBK-only character still reads.
/// Bytes that are not valid in the chosen encoding refuse the feed, as the XML specification requires.
/// </summary>
public static class FeedEncoding
{
    static FeedEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string Decode(ReadOnlySpan<byte> body, string? contentTypeCharset)
    {
        var (name, skip) = Detect(body, contentTypeCharset);
        var encoding = Resolve(name);
        try
        {
            return encoding.GetString(body[skip..]);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FeedProblemException(FeedReasons.Encoding, FeedReasons.Detail(name, ex.Index), ex);
        }
    }

    /// <returns>The encoding's name and how many bytes of byte-order mark to skip.</returns>
    public static (string Name, int Skip) Detect(ReadOnlySpan<byte> body, string? contentTypeCharset)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return ("utf-8", 3);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return ("utf-16LE", 2);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return ("utf-16BE", 2);
        }

        if (body.StartsWith("<\0?\0"u8))
        {
            return ("utf-16LE", 0);
        }

        if (body.StartsWith("\0<\0?"u8))
        {
            return ("utf-16BE", 0);
        }

        if (DeclaredEncoding(body) is { } declared)
        {
            return (declared, 0);
        }

        return (string.IsNullOrWhiteSpace(contentTypeCharset) ? "utf-8" : contentTypeCharset.Trim().Trim('"', '\''), 0);
    }

    private static string? DeclaredEncoding(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith("<?xml"u8))
        {
            return null;
        }

        var head = body[..Math.Min(body.Length, 256)];
        var end = head.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var declaration = Encoding.ASCII.GetString(head[..end]);
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart().TrimStart('=').TrimStart();
        if (rest.Length < 2 || rest[0] is not ('"' or '\''))
        {
            return null;
        }

        var close = rest.IndexOf(rest[0], 1);
        return close > 1 ? rest[1..close] : null;
    }

    private static Encoding Resolve(string name)
    {
        var key = name.ToLowerInvariant() switch
        {
            "gb2312" or "gbk" or "x-gbk" or "cp936" or "gb_2312-80" or "euc-cn" or "x-euc-cn" or "windows-936" or "csgb2312" => "gb18030",
            _ => name,
        };
        try
        {
            return Encoding.GetEncoding(key, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException ex)
        {
            throw new FeedProblemException(FeedReasons.UnknownEncoding, FeedReasons.Detail(Shorten(name)), ex);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40];
}
