using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Lifecycle;

/// <summary>Edits the case's title and summary; refused if someone else changed the case since it was loaded.</summary>
[CaseAction(CaseTrigger.EditSummary)]
public static class EditCaseSummary
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ExpectedVersion { get; set; }

        public string Title { get; set; } = string.Empty;

        public string Summary { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Title).NotEmpty().MaximumLength(200).NoControlCharacters(l).WithName(_ => l["Field.CaseTitle"]);
            RuleFor(c => c.Summary).MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.Summary"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.EditSummary(actor, now, command.Title, command.Summary),
                cancellationToken, command.ExpectedVersion);
            return Unit.Value;
        }
    }
}
