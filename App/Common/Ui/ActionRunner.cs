using FluentValidation;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Severity = MudBlazor.Severity;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Common.Ui;

/// <summary>What a failed action tells the user, in their language; field errors go back to the form by property name.</summary>
public sealed record ActionFailure(string Message, IReadOnlyDictionary<string, string[]> FieldErrors, bool Conflict);

/// <summary>
/// Runs a command from a page or dialog and turns every refusal into a message the user can act on, so that an illegal
/// move, a lost race or a server fault never crashes the circuit and never clears what the user typed.
/// </summary>
public sealed class ActionRunner(IStringLocalizer<SharedResource> l, ISnackbar snackbar, ILogger<ActionRunner> logger)
{
    /// <returns>null on success, else what went wrong (already shown as a snackbar unless it is field validation).</returns>
    public async Task<ActionFailure?> RunAsync(Func<Task> action, string? successMessage = null)
    {
        try
        {
            await action();
            if (successMessage is not null)
            {
                snackbar.Add(successMessage, Severity.Success);
            }

            return null;
        }
        catch (Exception ex)
        {
            var failure = Describe(ex);
            if (failure.FieldErrors.Count == 0)
            {
                snackbar.Add(failure.Message, failure.Conflict ? Severity.Warning : Severity.Error);
            }

            return failure;
        }
    }

    public ActionFailure Describe(Exception ex)
    {
        var none = new Dictionary<string, string[]>();
        switch (ex)
        {
            case ValidationException validation:
                var fields = validation.Errors.GroupBy(e => e.PropertyName)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
                return new ActionFailure(string.Join(" ", fields.Values.SelectMany(v => v).Prepend(l["Error.Validation"])), fields, false);
            case DomainException domain:
                var text = l[$"Error.{domain.Code}"];
                return new ActionFailure(text.ResourceNotFound ? domain.Message : text.Value, none, false);
            case ConcurrencyConflictException:
                return new ActionFailure(l["Error.case.concurrency_conflict"], none, true);
            case ForbiddenException:
                return new ActionFailure(l["Error.Forbidden"], none, false);
            case NotFoundException:
                return new ActionFailure(l["Error.NotFound"], none, false);
            case OpinionResponse.Infrastructure.Intake.IntakeBusyException busy:
                // A burst fills the intake queue: nothing was stored and the form keeps what was typed.
                return new ActionFailure(string.Format(l["Error.IntakeBusy"], Math.Max(1, (int)Math.Ceiling(busy.RetryAfter.TotalSeconds))), none, false);
            default:
                logger.LogError(ex, "Action failed");
                return new ActionFailure(l["Error.Unexpected"], none, false);
        }
    }
}
