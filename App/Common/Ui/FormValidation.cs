using FluentValidation;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// Bridges a FluentValidation validator into MudForm's <c>Validation</c> parameter, so a form shows exactly the rules
/// the pipeline enforces on the server, field by field.
/// </summary>
public static class FormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> For<T>(IValidator<T> validator) => async (model, propertyName) =>
    {
        var context = ValidationContext<T>.CreateWithOptions((T)model, options => options.IncludeProperties(propertyName));
        var result = await validator.ValidateAsync(context);
        return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
    };
}
