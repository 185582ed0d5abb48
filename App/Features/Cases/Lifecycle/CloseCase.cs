using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Lifecycle;

/// <summary>办结: with a summary, and the feedback given to the person who raised it where the desk can reach them.</summary>
[CaseAction(CaseTrigger.Close)]
public static class CloseCase
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public string Summary { get; set; } = string.Empty;

        public string? RaiserFeedback { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Summary).NotEmpty().MaximumLength(TextLimits.Long).NoControlCharacters(l).WithName(_ => l["Field.CloseSummary"]);
            RuleFor(c => c.RaiserFeedback).MaximumLength(TextLimits.Medium).NoControlCharacters(l).WithName(_ => l["Field.RaiserFeedback"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (c, actor, now, db) =>
            {
                var items = await db.Items.AsNoTracking().Where(i => i.CaseId == c.Id).ToListAsync(cancellationToken);
                c.Close(actor, now, command.Summary, command.RaiserFeedback, items.Any(i => i.RaisedByReachablePerson));
                return true;
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
