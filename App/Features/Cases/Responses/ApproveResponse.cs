using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Responses;

/// <summary>A chief approves a response in review; its drafter cannot.</summary>
[CaseAction(CaseTrigger.ApproveResponse)]
public static class ApproveResponse
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ResponseId { get; set; }

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
            await work.ChangeAsync(command, (c, actor, now) => c.ApproveResponse(actor, now, command.ResponseId, command.Comment),
                cancellationToken);
            return Unit.Value;
        }
    }
}
