using System.Text;

namespace OpinionResponse.Infrastructure.Import;

/// <summary>
/// The encoding of a CSV file as Excel and monitoring vendors write it: a byte order mark when there is one; else UTF-8
/// if every byte sequence is valid UTF-8; else GB18030, the superset of GBK that Chinese Excel uses for "CSV (逗号分隔)".
/// A GBK file is practically never valid UTF-8 (its two-byte sequences are not UTF-8's), so the strict decode decides.
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Gb18030 { get; } = GetGb18030();

    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8.GetString(bytes[3..]), "UTF-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "UTF-16LE");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "UTF-16BE");
        }

        try
        {
            return (StrictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Gb18030.GetString(bytes), "GB18030");
        }
    }

    private static Encoding GetGb18030()
    {
        // Code-page encodings ship with .NET but are off until registered; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
