using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Lifecycle;

[CaseAction(CaseTrigger.Comment)]
public static class AddComment
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public string Text { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Text).NotEmpty().MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.CommentText"]);
    }

    /// <summary>Colleagues written as "@显示名" get a Mention in their bell, committed with the comment.</summary>
    /// <summary>Whoever the comment names with "@" hears of it (<see cref="CommentAdded"/>), in the same commit.</summary>
    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, (c, actor, now) => c.AddComment(actor, now, command.Text), cancellationToken);
            return Unit.Value;
        }
    }
}
