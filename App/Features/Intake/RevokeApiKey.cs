using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Intake;

/// <summary>An Admin withdraws a key: its next request is refused (403). Revoking twice changes nothing.</summary>
[RequiresPermission(Permission.Administer)]
public static class RevokeApiKey
{
    public sealed record Command(int ApiClientId) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ApiClientId).GreaterThan(0);
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var client = await db.ApiClients.FindAsync([command.ApiClientId], cancellationToken)
                         ?? throw new NotFoundException($"API client {command.ApiClientId} not found.");
            client.Revoke(actor.DisplayName, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
