using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Mediation;

/// <summary>
/// What every case command does around its one domain call: a fresh DbContext, the whole aggregate, the user, the
/// time, the handlers of the events the call raised (<see cref="ICaseEventHandler"/>: their rows join the same save),
/// the save, and turning a lost race into <see cref="ConcurrencyConflictException"/>.
/// <para>
/// Only for handlers of an <see cref="ICaseRequest"/> (an architecture test keeps it so): the
/// <see cref="AuthorizationBehaviour{TMessage, TResponse}"/> has already checked, once, that the case is visible to the
/// actor; what the actor may do on it is the domain's to say.
/// </para>
/// </summary>
public sealed class CaseWork(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, AuditTrail audits,
    CaseEvents caseEvents)
{
    public Task ChangeAsync(ICaseRequest command, Action<Case, Actor, DateTime> change, CancellationToken cancellationToken, int? expectedVersion = null) =>
        ChangeAsync(command, (c, actor, now, _) =>
        {
            change(c, actor, now);
            return Task.FromResult(true);
        }, cancellationToken, expectedVersion);

    /// <summary>Loads the case of <paramref name="command"/>, applies the change and saves it with the command's audit row.</summary>
    public async Task<T> ChangeAsync<T>(ICaseRequest command, Func<Case, Actor, DateTime, OpinionDbContext, Task<T>> change,
        CancellationToken cancellationToken, int? expectedVersion = null)
    {
        var caseId = command.CaseId;
        var actor = await currentUser.RequireActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
        var @case = await db.Cases.WithEverything().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
        {
            throw new NotFoundException($"Case {caseId} not found.");
        }

        if (expectedVersion is { } seen)
        {
            if (seen != @case.Version)
            {
                throw new ConcurrencyConflictException(caseId);
            }

            db.Entry(@case).Property(c => c.Version).OriginalValue = seen;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var result = await change(@case, actor, now, db);
        var events = await caseEvents.HandleAsync(db, @case, actor, now, @case.DomainEvents, cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.Any(e => e.Entity is OpinionItem))
        {
            throw new DomainException(DomainErrors.ItemNotNew, "The item was triaged by someone else meanwhile.");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(caseId);
        }

        await events.CommittedAsync();
        return result;
    }
}

public static class CaseQueries
{
    public static IQueryable<Case> WithEverything(this IQueryable<Case> cases) => cases
        .Include(c => c.Reports)
        .Include(c => c.Plans).ThenInclude(p => p.Signatures)
        .Include(c => c.Tasks)
        .Include(c => c.Responses).ThenInclude(r => r.Confirmations)
        .Include(c => c.Comments)
        .Include(c => c.Timeline)
        .Include(c => c.RumourHandOffs)
        .Include(c => c.EffectEvaluations)
        .AsSplitQuery();

    /// <summary>The item to triage, tracked by <paramref name="db"/>, or <see cref="NotFoundException"/>.</summary>
    public static async Task<OpinionItem> RequireItemAsync(this OpinionDbContext db, int itemId, CancellationToken cancellationToken) =>
        await db.Items.FindAsync([itemId], cancellationToken) ?? throw new NotFoundException($"Item {itemId} not found.");

    /// <summary>Saves a triage change; losing the race for the item to another officer is the domain's "already triaged".</summary>
    public static async Task SaveItemChangesAsync(this OpinionDbContext db, int itemId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(DomainErrors.ItemNotNew, $"Item {itemId} was triaged by someone else meanwhile.");
        }
    }

    public static async Task<Actor> RequireActorAsync(this ICurrentUser currentUser) =>
        await currentUser.FindActorAsync() ?? throw new ForbiddenException("Not signed in.");
}
