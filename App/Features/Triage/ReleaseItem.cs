using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Triage;

/// <summary>The officer cancels triaging an item (closed the dialog or the page): it is free again for everyone.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class ReleaseItem
{
    public sealed record Command(int ItemId) : ICommand, IItemRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ItemId).GreaterThan(0);
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var item = await db.RequireItemAsync(command.ItemId, cancellationToken);
            item.Release(actor, clock.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else changed the item meanwhile (it was triaged, or the lease ran out and it was taken): our claim is gone anyway.
            }

            return Unit.Value;
        }
    }
}
