using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Decisions;

/// <summary>
/// Records a new 重大决策舆情风险评估 for one of the user's units (no <see cref="Command.Id"/>), or saves a new revision of a
/// draft or returned one. Returns the assessment's id.
/// </summary>
[RequiresPermission(Permission.RecordDecisions)]
public static class SaveDecisionAssessment
{
    public const int MaxTriggers = 20;

    public sealed class MethodInput
    {
        public AssessmentMethod Method { get; set; }

        public string Finding { get; set; } = string.Empty;
    }

    public sealed record Command : ICommand<int>
    {
        /// <summary>Null to record a new assessment.</summary>
        public int? Id { get; set; }

        public int ExpectedVersion { get; set; }

        /// <summary>The recording unit; fixed once recorded.</summary>
        public int? UnitId { get; set; }

        public string Title { get; set; } = string.Empty;

        public DateOnly? PlannedOn { get; set; }

        public string Summary { get; set; } = string.Empty;

        public string Matters { get; set; } = string.Empty;

        public List<MethodInput> Methods { get; set; } = [];

        public string Findings { get; set; } = string.Empty;

        public RiskLevel? RiskLevel { get; set; }

        public string? ResponseLines { get; set; }

        public string? Spokesperson { get; set; }

        public List<string> Triggers { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, IDbContextFactory<OpinionDbContext> dbFactory)
        {
            RuleFor(c => c.UnitId).NotNull().WithMessage(_ => l["Validation.Required"]).ExistingUnit(dbFactory, l)
                .WithName(_ => l["Decision.Field.Unit"]).When(c => c.Id is null);
            RuleFor(c => c.Title).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(200).NoControlCharacters(l)
                .WithName(_ => l["Decision.Field.Title"]);
            RuleFor(c => c.PlannedOn).NotNull().WithMessage(_ => l["Validation.Required"]).WithName(_ => l["Decision.Field.PlannedOn"]);
            RuleFor(c => c.Summary).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(4000).NoControlCharacters(l)
                .WithName(_ => l["Decision.Field.Summary"]);
            RuleFor(c => c.Matters).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(500).NoControlCharacters(l)
                .WithName(_ => l["Decision.Field.Matters"]);
            RuleFor(c => c.Methods).NotEmpty().WithMessage(_ => l["Decision.Validation.Methods"])
                .Must(m => m.Select(x => x.Method).Distinct().Count() == m.Count).WithMessage(_ => l["Decision.Validation.Methods"])
                .WithName(_ => l["Decision.Field.Methods"]);
            RuleForEach(c => c.Methods).ChildRules(method =>
            {
                method.RuleFor(m => m.Method).IsInEnum().WithMessage(_ => l["Validation.Choose"]);
                method.RuleFor(m => m.Finding).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(2000).NoControlCharacters(l)
                    .WithName(m => string.Format(l["Decision.Field.Finding"], l.Of(m.Method)));
            });
            RuleFor(c => c.Findings).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(4000).NoControlCharacters(l)
                .WithName(_ => l["Decision.Field.Findings"]);
            RuleFor(c => c.RiskLevel).NotNull().WithMessage(_ => l["Validation.Required"]).IsInEnum().WithMessage(_ => l["Validation.Choose"])
                .WithName(_ => l["Decision.Field.RiskLevel"]);
            RuleFor(c => c.ResponseLines).MaximumLength(4000).NoControlCharacters(l).WithName(_ => l["Decision.Field.ResponseLines"]);
            RuleFor(c => c.Spokesperson).MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Decision.Field.Spokesperson"]);
            RuleFor(c => c.Triggers).Must(t => t.Count <= MaxTriggers).WithMessage(_ => string.Format(l["Decision.Validation.TooManyTriggers"], MaxTriggers))
                .WithName(_ => l["Decision.Field.Triggers"]);
            RuleForEach(c => c.Triggers).MaximumLength(500).NoControlCharacters(l).WithName(_ => l["Decision.Field.Triggers"]);
            When(c => c.RiskLevel is { } level && level.IsMajorOrAbove(), () =>
            {
                RuleFor(c => c.ResponseLines).NotEmpty().WithMessage(_ => l["Decision.Validation.PlanRequired"]).WithName(_ => l["Decision.Field.ResponseLines"]);
                RuleFor(c => c.Spokesperson).NotEmpty().WithMessage(_ => l["Decision.Validation.PlanRequired"]).WithName(_ => l["Decision.Field.Spokesperson"]);
                RuleFor(c => c.Triggers).Must(t => t.Any(x => !string.IsNullOrWhiteSpace(x)))
                    .WithMessage(_ => l["Decision.Validation.PlanRequired"]).WithName(_ => l["Decision.Field.Triggers"]);
            });
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, AuditTrail audits,
        DecisionWork work) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var content = new DecisionContent(command.Title, command.PlannedOn!.Value, command.Summary, command.Matters,
                command.Methods.Select(m => (m.Method, m.Finding)).ToList(), command.Findings, command.RiskLevel!.Value,
                command.ResponseLines, command.Spokesperson, command.Triggers);
            if (command.Id is { } id)
            {
                await work.ChangeAsync(command, id, command.ExpectedVersion, (a, actor, now) => a.Edit(actor, now, content), cancellationToken);
                return id;
            }

            var actor = await currentUser.RequireActorAsync();
            var audit = audits.Of(command);
            await using var db = await dbFactory.CreateDbContextAsync(audit, cancellationToken);
            var assessment = DecisionAssessment.Record(actor, clock.GetUtcNow().UtcDateTime, command.UnitId!.Value, content);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.DecisionAssessments.Add(assessment);
            audit?.Hold();
            await db.SaveChangesAsync(cancellationToken);
            audit?.Describe(nameof(DecisionAssessment), assessment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return assessment.Id;
        }
    }
}
