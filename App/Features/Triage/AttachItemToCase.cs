using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Triage;

/// <summary>Triage: the item is about a matter that already has an open case.</summary>
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

    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (@case, actor, now, db) =>
            {
                var item = await db.RequireItemAsync(command.ItemId, cancellationToken);
                @case.RecordItemAttached(item, actor, now);
                item.AttachTo(@case.Id, actor, now);
                return true;
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
