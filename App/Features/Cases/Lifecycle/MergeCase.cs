using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Lifecycle;

/// <summary>Folds this case into another open case about the same matter; its items move to the target.</summary>
[CaseAction(CaseTrigger.Merge)]
public static class MergeCase
{
    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int? TargetCaseId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.TargetCaseId).NotNull().WithMessage(_ => l["Validation.Required"]).GreaterThan(0).WithName(_ => l["Field.TargetCase"]);
            RuleFor(c => c.TargetCaseId).NotEqual(c => c.CaseId).WithMessage(_ => l["Validation.MergeIntoSelf"]).WithName(_ => l["Field.TargetCase"]);
        }
    }

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (c, actor, now, db) =>
            {
                var target = await db.Cases.VisibleTo(actor).FirstOrDefaultAsync(t => t.Id == command.TargetCaseId, cancellationToken)
                             ?? throw new NotFoundException($"Case {command.TargetCaseId} not found.");
                c.MergeInto(actor, now, target);
                await db.Items.Where(i => i.CaseId == c.Id).ForEachAsync(i => i.MoveToCase(target.Id), cancellationToken);
                return true;
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
