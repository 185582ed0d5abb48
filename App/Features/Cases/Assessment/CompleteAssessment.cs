using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Scoring;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Assessment;

/// <summary>研判: nature, trend, risks, level (the computed one, or an override with a justification), response decision.</summary>
[CaseAction(CaseTrigger.CompleteAssessment)]
public static class CompleteAssessment
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ExpectedVersion { get; set; }

        public string Nature { get; set; } = string.Empty;

        public OpinionTrend Trend { get; set; } = OpinionTrend.Stable;

        public string Risks { get; set; } = string.Empty;

        public RiskLevel? Level { get; set; }

        public string? OverrideJustification { get; set; }

        public bool? ResponseNeeded { get; set; }

        public MatterKind MatterKind { get; set; } = MatterKind.Other;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Nature).NotEmpty().MaximumLength(TextLimits.Medium).NoControlCharacters(l).WithName(_ => l["Field.Nature"]);
            RuleFor(c => c.Risks).NotEmpty().MaximumLength(TextLimits.Medium).NoControlCharacters(l).WithName(_ => l["Field.Risks"]);
            RuleFor(c => c.Trend).IsInEnum().WithName(_ => l["Field.Trend"]);
            RuleFor(c => c.MatterKind).IsInEnum().WithName(_ => l["Field.MatterKind"]);
            RuleFor(c => c.Level).NotNull().WithMessage(_ => l["Validation.Required"]).IsInEnum().WithName(_ => l["Field.RiskLevel"]);
            RuleFor(c => c.ResponseNeeded).NotNull().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Field.ResponseNeeded"]);
            RuleFor(c => c.OverrideJustification).MaximumLength(TextLimits.Short).NoControlCharacters(l).WithName(_ => l["Field.OverrideJustification"]);
        }
    }

    /// <summary>A case newly assessed 重大/特别重大 rings the bells of the people on duty, committed with the assessment.</summary>
    /// <summary>A case lifted to 重大/特别重大 reaches the people on duty (<see cref="CaseAssessed"/>), in the same commit.</summary>
    public sealed class Handler(CaseWork work, ScoringPolicies policies) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (c, actor, now, db) =>
            {
                var items = await db.Items.AsNoTracking().Where(i => i.CaseId == c.Id).ToListAsync(cancellationToken);
                // Scored with the policy in force now; the assessment keeps this version and breakdown whatever comes later.
                var score = await CaseScoring.ScoreAsync(db, items, await policies.CurrentAsync(db, cancellationToken), cancellationToken);
                c.CompleteAssessment(actor, now, command.Nature, command.Trend, command.Risks, command.Level!.Value, score,
                    command.OverrideJustification, command.ResponseNeeded!.Value, command.MatterKind);
                return true;
            }, cancellationToken, command.ExpectedVersion);
            return Unit.Value;
        }
    }
}
