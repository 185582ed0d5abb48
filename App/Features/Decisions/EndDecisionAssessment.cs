using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>What became of the decision: 已实施 (issued; links and the review go on) or 已撤销 (shelved, with the reason).</summary>
[RequiresPermission(Permission.RecordDecisions)]
public static class EndDecisionAssessment
{
    public sealed record Command(int Id, int ExpectedVersion, bool Implemented, string? Reason) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(1000).NoControlCharacters(l)
                .WithName(_ => l["Decision.Field.WithdrawReason"]).When(c => !c.Implemented);
    }

    public sealed class Handler(DecisionWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, command.Id, command.ExpectedVersion, (a, actor, now) =>
            {
                if (command.Implemented)
                {
                    a.MarkImplemented(actor, now);
                }
                else
                {
                    a.Withdraw(actor, now, command.Reason ?? string.Empty);
                }
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
