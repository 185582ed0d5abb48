using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Plan;

/// <summary>Drafts or revises the disposal plan (处置方案). After a rejection this starts the next version.</summary>
[CaseAction(CaseTrigger.SavePlan)]
public static class SavePlan
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ExpectedVersion { get; set; }

        public string Measures { get; set; } = string.Empty;

        public string ResponsiblePersons { get; set; } = string.Empty;

        public string OfflineActions { get; set; } = string.Empty;

        public string ResponseApproach { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Measures).NotEmpty().MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.Measures"]);
            RuleFor(c => c.ResponsiblePersons).NotEmpty().MaximumLength(500).NoControlCharacters(l).WithName(_ => l["Field.ResponsiblePersons"]);
            RuleFor(c => c.OfflineActions).NotEmpty().MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.OfflineActions"]);
            RuleFor(c => c.ResponseApproach).NotEmpty().MaximumLength(TextLimits.Medium).NoControlCharacters(l).WithName(_ => l["Field.ResponseApproach"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) =>
                c.SavePlan(actor, now, command.Measures, command.ResponsiblePersons, command.OfflineActions, command.ResponseApproach),
                cancellationToken, command.ExpectedVersion);
            return Unit.Value;
        }
    }
}
