using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Triage;

/// <summary>
/// Triage: the item is about a matter that already has an open case — or a case closed within its rebound window
/// (舆情反弹): the item joins it and the clock watcher raises the rebound alert, so the item is never left without a case.
/// </summary>
[RequiresPermission(Permission.TriageItems)]
public static class AttachItemToCase
{
    public sealed record Command(int ItemId, int CaseId) : ICommand, ICaseRequest, IItemRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ItemId).GreaterThan(0);
            RuleFor(c => c.CaseId).GreaterThan(0);
        }
    }

    public sealed class Handler(CaseWork work, ClockPolicies policies) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (@case, actor, now, db) =>
            {
                var item = await db.RequireItemAsync(command.ItemId, cancellationToken);
                @case.RecordItemAttached(item, actor, now, policies.ForCase(@case.CreatedAt).ReboundWindow);
                item.AttachTo(@case.Id, actor, now);
                return true;
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
