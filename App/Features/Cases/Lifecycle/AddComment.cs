using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

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
            RuleFor(c => c.Text).NotEmpty().MaximumLength(4000).NoControlCharacters(l).WithName(_ => l["Field.CommentText"]);
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command.CaseId, (c, actor, now) => c.AddComment(actor, now, command.Text), cancellationToken);
            return Unit.Value;
        }
    }
}
