using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Responses;

/// <summary>会签: another agency confirmed the approved text; who confirmed it and when.</summary>
[CaseAction(CaseTrigger.RecordConfirmation)]
public static class RecordConfirmation
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ResponseId { get; set; }

        public string Agency { get; set; } = string.Empty;

        public string ConfirmedBy { get; set; } = string.Empty;

        public DateTime? ConfirmedAt { get; set; }

        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Agency).NotEmpty().WithName(_ => l["Field.Agency"]);
            RuleFor(c => c.ConfirmedBy).NotEmpty().MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.ConfirmedBy"]);
            RuleFor(c => c.ConfirmedAt).NotNull().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Field.ConfirmedAt"]);
            RuleFor(c => c.Note).MaximumLength(TextLimits.Short).NoControlCharacters(l).WithName(_ => l["Field.Note"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.RecordConfirmation(actor, now, command.ResponseId, command.Agency,
                command.ConfirmedBy, command.ConfirmedAt!.Value.AsUtc(), command.Note), cancellationToken);
            return Unit.Value;
        }
    }
}
