using System.Globalization;
using System.Text;

namespace OpinionResponse.App.Common.Security;

/// <summary>Text from outside made safe for a log line (SECURITY.md U5, I5).</summary>
public static class LogText
{
    /// <summary>
    /// Control characters (CR, LF, ESC, …) and the Unicode line and paragraph separators written as <c>\uXXXX</c>:
    /// a value can then neither start a forged log line nor send escape sequences to an operator's terminal.
    /// </summary>
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            if (NeedsEscape(ch))
            {
                safe.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append(ch);
            }
        }

        return safe.ToString();
    }

    private static bool NeedsEscape(char ch) =>
        char.IsControl(ch) || ch is '\u2028' or '\u2029' || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.Format;
}

/// <summary>Redirect targets after sign-in or a language switch (SECURITY.md I5): local paths only.</summary>
public static class LocalUrl
{
    /// <summary>
    /// <c>Url.IsLocalUrl</c>'s rule: "/" followed by anything but "/" or "\", or "~/" likewise; nothing with a
    /// control character. So "//host", "/\host", "https:\\host", " //host", "javascript:…" and absolute URLs fail.
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(char.IsControl))
        {
            return false;
        }

        if (url[0] == '/')
        {
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\');
        }

        return url.Length > 1 && url[0] == '~' && url[1] == '/' && (url.Length == 2 || (url[2] != '/' && url[2] != '\\'));
    }

    /// <summary>The url when it is local, otherwise <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
