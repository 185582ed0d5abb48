using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Plan;

/// <summary>The section chief signs; for 重大/特别重大 the unit head must sign too (第一责任人).</summary>
[CaseAction(CaseTrigger.SignPlan)]
public static class SignPlan
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public string? Comment { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Comment).MaximumLength(TextLimits.Short).NoControlCharacters(l).WithName(_ => l["Field.Comment"]);
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.SignPlan(actor, now, command.Comment), cancellationToken);
            return Unit.Value;
        }
    }
}
