using FluentValidation;

namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// MudForm validation for a dialog: the command's own validator field by field and, until the user changes
/// the field, what the server refused it for (a rule only the handler can check, such as an unknown unit).
/// </summary>
public sealed class FormRules<T>(IValidator<T> validator)
    where T : class
{
    private readonly Func<object, string, Task<IEnumerable<string>>> rules = FormValidation.For(validator);
    private readonly Dictionary<string, (object? Value, string[] Errors)> refused = new();

    public Func<object, string, Task<IEnumerable<string>>> Validation => ValidateAsync;

    /// <summary>Remembers the server's field errors against the values that were sent; call the form's Validate() next.</summary>
    public void Refused(T model, IReadOnlyDictionary<string, string[]> fieldErrors)
    {
        refused.Clear();
        foreach (var (property, errors) in fieldErrors)
        {
            refused[property] = (ValueOf(model, property), errors);
        }
    }

    private async Task<IEnumerable<string>> ValidateAsync(object model, string property)
    {
        if (refused.TryGetValue(property, out var server))
        {
            if (Equals(server.Value, ValueOf(model, property)))
            {
                return server.Errors;
            }

            refused.Remove(property);
        }

        return await rules(model, property);
    }

    private static object? ValueOf(object model, string property) => typeof(T).GetProperty(property)?.GetValue(model);
}
