using FluentValidation;
using Microsoft.Extensions.Localization;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Features.Account;

/// <summary>A new password in a form, in the user's language: the rule for the validator and the message for what Identity refuses.</summary>
public static class PasswordRules
{
    /// <summary>A password typed into a form, against <see cref="PasswordPolicy"/>: its problems in the user's language.</summary>
    public static IRuleBuilderOptionsConditions<T, string> MeetsPasswordPolicy<T>(this IRuleBuilder<T, string> rule, IStringLocalizer<SharedResource> l) =>
        rule.Custom((password, context) =>
        {
            foreach (var code in PasswordPolicy.Problems(password, userName: null))
            {
                context.AddFailure(PasswordMessage(l, code));
            }
        });

    public static string PasswordMessage(IStringLocalizer<SharedResource> l, string code) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, l[$"Password.{code}"], PasswordPolicy.MinLength, PasswordPolicy.MaxLength);
}
