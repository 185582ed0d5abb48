using FluentValidation;
using FluentValidation.Results;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Common.Intake;

/// <summary>
/// Runs the one validation (<see cref="ItemSubmissionValidator"/>) and vouches for what passes: the only way to a
/// <see cref="ValidSubmission"/>, the only thing <see cref="IItemIntake"/> writes.
/// </summary>
public sealed class SubmissionCheck(IValidator<ItemSubmission> validator) : ValidSubmission.Issuer
{
    /// <returns>The vouched-for submission when it is valid (else null), and the validator's result for the errors.</returns>
    public async Task<(ValidSubmission? Valid, ValidationResult Result)> CheckAsync(ItemSubmission submission, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(submission, cancellationToken);
        return (result.IsValid ? Issue(submission) : null, result);
    }

    /// <summary>For a caller whose input was validated already (a command's validator ran the same rules): refuses the rest.</summary>
    /// <exception cref="ValidationException">A submission is not valid.</exception>
    public async Task<IReadOnlyList<ValidSubmission>> RequireAsync(IReadOnlyList<ItemSubmission> submissions, CancellationToken cancellationToken)
    {
        var valid = new List<ValidSubmission>(submissions.Count);
        foreach (var submission in submissions)
        {
            var (checkedOne, result) = await CheckAsync(submission, cancellationToken);
            valid.Add(checkedOne ?? throw new ValidationException(result.Errors));
        }

        return valid;
    }
}
