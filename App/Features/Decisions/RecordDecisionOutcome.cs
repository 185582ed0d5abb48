using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>
/// 预判是否应验, recorded by the analyst after the decision: per trigger condition of the 预案 whether it occurred (null:
/// not known yet), and the closing review. What was foreseen stays as approved.
/// </summary>
[RequiresPermission(Permission.RecordDecisions)]
public static class RecordDecisionOutcome
{
    public sealed record Command : ICommand
    {
        public int Id { get; set; }

        public int ExpectedVersion { get; set; }

        /// <summary>Trigger id → occurred.</summary>
        public Dictionary<int, bool?> Occurred { get; set; } = [];

        public string? Review { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Review).MaximumLength(4000).NoControlCharacters(l).WithName(_ => l["Decision.Field.Review"]);
    }

    public sealed class Handler(DecisionWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, command.Id, command.ExpectedVersion,
                (a, actor, now) => a.RecordOutcome(actor, now, command.Occurred, command.Review), cancellationToken);
            return Unit.Value;
        }
    }
}
