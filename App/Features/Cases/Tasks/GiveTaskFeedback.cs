using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Tasks;

/// <summary>反馈: the receiving unit reports what it did.</summary>
[CaseAction(CaseTrigger.GiveTaskFeedback)]
public static class GiveTaskFeedback
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int TaskId { get; set; }

        public string Feedback { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Feedback).NotEmpty().MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.Feedback"]);
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.GiveTaskFeedback(actor, now, command.TaskId, command.Feedback),
                cancellationToken);
            return Unit.Value;
        }
    }
}
