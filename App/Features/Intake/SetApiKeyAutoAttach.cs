using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Intake;

/// <summary>Whether a client's near-duplicates of open cases are attached to them automatically (DESIGN §2.4; off by default).</summary>
[RequiresPermission(Permission.Administer)]
public static class SetApiKeyAutoAttach
{
    public sealed record Command(int ApiClientId, bool AutoAttach) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ApiClientId).GreaterThan(0);
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var client = await db.ApiClients.FindAsync([command.ApiClientId], cancellationToken)
                         ?? throw new NotFoundException($"API client {command.ApiClientId} not found.");
            client.AutoAttach = command.AutoAttach;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
