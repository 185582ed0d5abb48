using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpinionResponse.Domain.Similarity;

/// <summary>
/// The text a fingerprint is taken of: what a repost, a re-typed copy or a copy through another platform keep. Folds
/// full/half width and case (NFKC + lower case), removes URLs, repost markers (<c>//@某某:</c>, 转发微博, 【转】, a leading
/// 转：), @mentions, #topics#, Weibo emoticon codes (<c>[怒]</c>), and then everything that is not a letter or a digit
/// (punctuation, symbols, emoji, whitespace).
/// </summary>
public static partial class TextNormaliser
{
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        folded = Markers().Replace(folded, " ");
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c) && char.GetUnicodeCategory(c) != UnicodeCategory.OtherSymbol)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // After NFKC: full-width colons, @ and brackets of ASCII are already half width. A mention needs a terminator
    // (space or colon) so a name run into the text never swallows the text.
    [GeneratedRegex(
        @"(?:https?|ftp)://\S+|www\.\S+" +
        @"|//@[^:\s/]{1,30}:?" +
        @"|@[\p{L}\p{N}_\-]{1,20}(?=[\s:])" +
        @"|转发微博|【转】|^\s*转\s*:|\brepost\b" +
        @"|#[^#\r\n]{1,30}#" +
        @"|\[[\p{L}\p{N}]{1,6}\]",
        RegexOptions.CultureInvariant)]
    private static partial Regex Markers();
}
