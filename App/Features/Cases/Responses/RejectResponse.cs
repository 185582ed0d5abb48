using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Responses;

/// <summary>A chief sends a response back to its drafter, saying why.</summary>
[CaseAction(CaseTrigger.RejectResponse)]
public static class RejectResponse
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ResponseId { get; set; }

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
            await work.ChangeAsync(command, (c, actor, now) => c.RejectResponse(actor, now, command.ResponseId, command.Comment),
                cancellationToken);
            return Unit.Value;
        }
    }
}
