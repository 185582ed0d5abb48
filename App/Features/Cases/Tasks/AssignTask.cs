using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.App.Common.Ui;

namespace OpinionResponse.App.Features.Cases.Tasks;

/// <summary>转办: a task goes to a unit with a due time (网上问题，网下解决).</summary>
[CaseAction(CaseTrigger.AssignTask)]
public static class AssignTask
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int? UnitId { get; set; }

        public string Description { get; set; } = string.Empty;

        public DateTime? DueAt { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, TimeProvider clock, IDbContextFactory<OpinionDbContext> dbFactory)
        {
            RuleFor(c => c.UnitId).NotNull().WithMessage(_ => l["Validation.Required"]).GreaterThan(0).WithName(_ => l["Field.TaskUnit"]);
            RuleFor(c => c.UnitId).ExistingUnit(dbFactory, l).When(c => c.UnitId > 0).WithName(_ => l["Field.TaskUnit"]);
            RuleFor(c => c.Description).NotEmpty().MaximumLength(TextLimits.Medium).NoControlCharacters(l).WithName(_ => l["Field.TaskDescription"]);
            RuleFor(c => c.DueAt).RequiredFutureTime(clock, l).WithName(_ => l["Field.DueAt"]);
        }
    }

    /// <summary>Every member of the unit gets a TaskForUnit, committed with the task.</summary>
    /// <summary>The unit's members hear of the task (<see cref="TaskAssigned"/>), in the same commit.</summary>
    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (c, actor, now, db) =>
            {
                var unitId = command.UnitId!.Value;
                if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
                {
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.UnitId), "unknown unit")]);
                }

                c.AssignTask(actor, now, unitId, command.Description, command.DueAt!.Value.AsUtc());
                return true;
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
