using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation.Resources;

namespace OpinionResponse.App.Common.Web;

/// <summary>
/// FluentValidation's own Chinese messages quote the field in ASCII ('内容' 不能为空。); Chinese text quotes with “”.
/// Every other language keeps the library's wording.
/// </summary>
public sealed partial class ChineseValidationMessages : LanguageManager
{
    public override string GetString(string key, CultureInfo? culture = null)
    {
        var message = base.GetString(key, culture);
        var effective = culture ?? CultureInfo.CurrentUICulture;
        return effective.TwoLetterISOLanguageName == "zh" && message is not null ? AsciiQuoted().Replace(message, "“$1”") : message!;
    }

    [GeneratedRegex(@"'\s*(\{[A-Za-z]+\})\s*'")]
    private static partial Regex AsciiQuoted();
}
