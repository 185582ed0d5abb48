using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Scoring;

namespace OpinionResponse.App.Features.Cases.Effect;

/// <summary>
/// 回应效果评估: the analyst records 平息 / 持续 / 反弹 with a note. The figures stored with it are computed here from the
/// database, as the dialog showed them (<see cref="EffectReading"/>), never taken from the client.
/// </summary>
[CaseAction(CaseTrigger.EvaluateEffect)]
public static class EvaluateEffect
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public EffectOutcome? Outcome { get; set; }

        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Outcome).NotNull().WithMessage(_ => l["Validation.ChooseOutcome"]).IsInEnum().WithName(_ => l["Field.EffectOutcome"]);
            RuleFor(c => c.Note).MaximumLength(TextLimits.Medium).NoControlCharacters(l).WithName(_ => l["Field.EffectNote"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (c, actor, now, db) =>
            {
                var items = await db.Items.AsNoTracking().Where(i => i.CaseId == c.Id).ToListAsync(cancellationToken);
                var itemIds = items.Select(i => i.Id).ToList();
                var observations = await db.EngagementObservations.AsNoTracking().Where(o => itemIds.Contains(o.ItemId))
                    .ToListAsync(cancellationToken);
                var facts = items.Select(i => new EffectReading.ItemFacts(i.Id, i.Channel, i.Title, i.CollectedAt, i.Url, $"{i.Title} {i.Content}"));
                var report = EffectReading.Of(c.LatestPublishedResponse, facts, EngagementCurve.Of(items, observations))
                             ?? throw new DomainException(DomainErrors.NoPublishedResponse, $"Case {c.Number} has no published response.");
                c.EvaluateEffect(actor, now, command.Outcome!.Value, command.Note, report.Figures);
                return true;
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
