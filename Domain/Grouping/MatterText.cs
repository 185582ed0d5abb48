using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpinionResponse.Domain.Grouping;

/// <summary>
/// Text as the same-matter stage compares it: folded (full/half width, case, whitespace) but with its punctuation, so
/// it still splits into clauses, and without the letter and notice boilerplate that different matters share.
/// </summary>
public static partial class MatterText
{
    /// <summary>NFKC (full-width letters, digits and punctuation to half width), lower case, no whitespace.</summary>
    public static string Fold(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Control)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The clauses of folded text: split at sentence and clause punctuation, with the punctuation dropped.</summary>
    public static IEnumerable<string> Clauses(string folded) =>
        ClauseBreak().Split(folded).Where(c => c.Length > 0);

    /// <summary>
    /// The key a clause is counted by when learning which clauses are boilerplate: letters and CJK only, so "望有关部门
    /// 尽快解决！" and "望有关部门尽快解决。" count as one.
    /// </summary>
    public static string ClauseKey(string clause)
    {
        var builder = new StringBuilder(clause.Length);
        foreach (var c in clause)
        {
            if (char.IsLetter(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"[。！？!?；;，,：:\n、…~～""“”‘’'（）()\[\]【】《》<>|/\\#@]+")]
    private static partial Regex ClauseBreak();
}
