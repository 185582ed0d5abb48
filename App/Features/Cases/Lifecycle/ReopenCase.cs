using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Lifecycle;

/// <summary>舆情反弹: a closed case is taken up again for a new assessment.</summary>
[CaseAction(CaseTrigger.Reopen)]
public static class ReopenCase
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public string Reason { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(TextLimits.Short).NoControlCharacters(l).WithName(_ => l["Field.Reason"]);
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.Reopen(actor, now, command.Reason), cancellationToken);
            return Unit.Value;
        }
    }
}
