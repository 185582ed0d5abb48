using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>待审批 → 退回: the head of the recording unit sends it back with the reason; the unit edits and submits again.</summary>
[RequiresPermission(Permission.ApproveDecisions)]
public static class ReturnDecisionAssessment
{
    public sealed record Command(int Id, int ExpectedVersion, string Reason) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(1000).NoControlCharacters(l)
                .WithName(_ => l["Decision.Field.ReturnReason"]);
    }

    public sealed class Handler(DecisionWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, command.Id, command.ExpectedVersion, (a, actor, now) => a.Return(actor, now, command.Reason), cancellationToken);
            return Unit.Value;
        }
    }
}
