using System.Linq.Expressions;
using FluentValidation;
using Microsoft.Extensions.Localization;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Features.Users;

/// <summary>The field rules that the user administration forms share.</summary>
public static class UserRules
{
    public static void RolesAndUnits<T>(
        this AbstractValidator<T> validator, Expression<Func<T, List<Role>>> roles, Expression<Func<T, List<int>>> units,
        IStringLocalizer<SharedResource> l)
    {
        validator.RuleFor(roles).NotEmpty().WithMessage(_ => l["Validation.RolesRequired"]).Must(r => r.All(Enum.IsDefined));
        validator.RuleFor(units).Must(u => u.All(id => id > 0));
    }
}
