using FluentValidation;
using Microsoft.Extensions.Localization;

namespace OpinionResponse.App.Common.Mediation;

public static class ValidationRules
{
    /// <summary>Control characters other than tab and newline are refused in user text (they break logs and exports).</summary>
    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> l) =>
        rule.Must(text => text is null || !text.Any(ch => char.IsControl(ch) && ch is not ('\t' or '\n' or '\r')))
            .WithMessage(_ => l["Validation.ControlCharacters"]);
}
