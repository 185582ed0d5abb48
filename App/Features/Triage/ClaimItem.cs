using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Triage;

/// <summary>The desk's triage settings (appsettings.json, section "Triage").</summary>
public sealed class TriageOptions
{
    /// <summary>How long a claim lasts unless the officer acts or renews it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// An officer starts triaging an item: the others see who and cannot act on it until the claim ends. Of two
/// officers racing for one item exactly one wins; the other is told who has it.
/// </summary>
[RequiresPermission(Permission.TriageItems)]
public static class ClaimItem
{
    public sealed record Command(int ItemId) : ICommand<DateTime>, IItemRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ItemId).GreaterThan(0);
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock,
        IOptions<TriageOptions> options) : ICommandHandler<Command, DateTime>
    {
        public async ValueTask<DateTime> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var item = await db.RequireItemAsync(command.ItemId, cancellationToken);
            item.Claim(actor, clock.GetUtcNow().UtcDateTime, options.Value.ClaimLease);
            await db.SaveItemChangesAsync(command.ItemId, cancellationToken);
            return item.ClaimExpiresAt!.Value;
        }
    }
}
