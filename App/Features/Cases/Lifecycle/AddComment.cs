using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Notifications;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Live;
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
    public sealed class Handler(CaseWork work, ILiveEventHub hub) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var notified = await work.ChangeAsync(command, (c, actor, now, db) =>
            {
                c.AddComment(actor, now, command.Text);
                return Notifier.MentionedAsync(db, c, actor, now, command.Text.Trim(), cancellationToken);
            }, cancellationToken);
            await hub.PublishNotificationsAsync(notified);
            return Unit.Value;
        }
    }
}
