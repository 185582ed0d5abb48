using System.Linq.Expressions;
using FluentValidation;
using Microsoft.Extensions.Localization;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Features.Users;

/// <summary>The field rules that the account forms share.</summary>
public static class UserRules
{
    public static void RolesAndUnits<T>(
        this AbstractValidator<T> validator, Expression<Func<T, List<Role>>> roles, Expression<Func<T, List<int>>> units,
        IStringLocalizer<SharedResource> l)
    {
        validator.RuleFor(roles).NotEmpty().WithMessage(_ => l["Validation.RolesRequired"]).Must(r => r.All(Enum.IsDefined));
        validator.RuleFor(units).Must(u => u.All(id => id > 0));
    }

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
