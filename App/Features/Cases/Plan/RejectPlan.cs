using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Plan;

/// <summary>A signer sends the plan back for revision, saying why.</summary>
[CaseAction(CaseTrigger.RejectPlan)]
public static class RejectPlan
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public string Comment { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Comment).NotEmpty().MaximumLength(TextLimits.Short).NoControlCharacters(l).WithName(_ => l["Field.RejectComment"]);
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.RejectPlan(actor, now, command.Comment), cancellationToken);
            return Unit.Value;
        }
    }
}
