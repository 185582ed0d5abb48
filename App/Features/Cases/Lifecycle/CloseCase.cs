using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Lifecycle;

/// <summary>
/// 办结: with a summary, the feedback given to the person who raised it where the desk can reach them, and the 回访 for
/// items from the hotline or an online inquiry with a contact (reached or not, 满意 / 基本满意 / 不满意, note).
/// </summary>
[CaseAction(CaseTrigger.Close)]
public static class CloseCase
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public string Summary { get; set; } = string.Empty;

        public string? RaiserFeedback { get; set; }

        /// <summary>回访: null when none was made; true when the person was reached.</summary>
        public bool? FollowUpReached { get; set; }

        public Satisfaction? Satisfaction { get; set; }

        public string? FollowUpNote { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Summary).NotEmpty().MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.CloseSummary"]);
            RuleFor(c => c.RaiserFeedback).MaximumLength(TextLimits.Medium).NoControlCharacters(l).WithName(_ => l["Field.RaiserFeedback"]);
            RuleFor(c => c.Satisfaction).IsInEnum().WithName(_ => l["Field.Satisfaction"]);
            RuleFor(c => c.Satisfaction).NotNull().When(c => c.FollowUpReached == true)
                .WithMessage(_ => l["Error.case.follow_up_satisfaction_required"]).WithName(_ => l["Field.Satisfaction"]);
            RuleFor(c => c.FollowUpNote).MaximumLength(1000).NoControlCharacters(l).WithName(_ => l["Field.FollowUpNote"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (c, actor, now, db) =>
            {
                var items = await db.Items.AsNoTracking().Where(i => i.CaseId == c.Id).ToListAsync(cancellationToken);
                var followUp = command.FollowUpReached is { } reached
                    ? new FollowUp(reached, command.Satisfaction, string.IsNullOrWhiteSpace(command.FollowUpNote) ? null : command.FollowUpNote.Trim(),
                        actor.DisplayName, now)
                    : null;
                c.Close(actor, now, command.Summary, command.RaiserFeedback, items.Any(i => i.RaisedByReachablePerson), followUp,
                    items.Any(i => i.NeedsFollowUp));
                return true;
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
