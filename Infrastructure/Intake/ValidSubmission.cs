using OpinionResponse.Domain.Intake;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// An <see cref="ItemSubmission"/> that passed the one validation every channel shares. The write path
/// (<see cref="IItemIntake"/>) takes nothing else, so "one validation for every channel" holds by type, not by
/// convention. Only an <see cref="Issuer"/> makes one; the App's <c>SubmissionCheck</c> is the only issuer (an
/// architecture test keeps it so).
/// </summary>
public sealed class ValidSubmission
{
    private ValidSubmission(ItemSubmission submission) => Submission = submission;

    public ItemSubmission Submission { get; }

    /// <summary>The validation that vouches for submissions; it lives with the validator, which needs the App's resources.</summary>
    public abstract class Issuer
    {
        protected static ValidSubmission Issue(ItemSubmission submission) => new(submission);
    }
}
