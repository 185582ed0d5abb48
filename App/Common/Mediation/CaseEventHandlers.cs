using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Mediation;

/// <summary>
/// What a handler of a case's domain events works with: the change's own DbContext, so that what it adds (a bell) is
/// saved in the same transaction as the change — both or neither — and work to run only once that has committed.
/// </summary>
public sealed class CaseEventContext(OpinionDbContext db, Case @case, Actor actor, DateTime now)
{
    private readonly List<Func<Task>> afterCommit = [];

    public OpinionDbContext Db => db;

    public Case Case => @case;

    public Actor Actor => actor;

    public DateTime Now => now;

    /// <summary>Runs <paramref name="work"/> after the change committed (a live refresh); never for a change that did not.</summary>
    public void AfterCommit(Func<Task> work) => afterCommit.Add(work);

    public async Task CommittedAsync()
    {
        foreach (var work in afterCommit)
        {
            await work();
        }
    }
}

/// <summary>
/// Reacts to the domain events a case command raised, before its save (see <see cref="CaseEventContext"/>). Slices
/// register their handlers; the command that changed the case does not know them.
/// </summary>
public interface ICaseEventHandler
{
    Task HandleAsync(IDomainEvent domainEvent, CaseEventContext context, CancellationToken cancellationToken);
}

/// <summary>A <see cref="ICaseEventHandler"/> for one event type.</summary>
public abstract class CaseEventHandler<TEvent> : ICaseEventHandler
    where TEvent : IDomainEvent
{
    public Task HandleAsync(IDomainEvent domainEvent, CaseEventContext context, CancellationToken cancellationToken) =>
        domainEvent is TEvent raised ? HandleAsync(raised, context, cancellationToken) : Task.CompletedTask;

    protected abstract Task HandleAsync(TEvent raised, CaseEventContext context, CancellationToken cancellationToken);
}

/// <summary>Hands the events raised during one change to every <see cref="ICaseEventHandler"/>, before that change is saved.</summary>
public sealed class CaseEvents(IEnumerable<ICaseEventHandler> handlers)
{
    /// <summary>Call before the save; call <see cref="CaseEventContext.CommittedAsync"/> on the result once it committed.</summary>
    public async Task<CaseEventContext> HandleAsync(OpinionDbContext db, Case @case, Actor actor, DateTime now, IEnumerable<IDomainEvent> raised,
        CancellationToken cancellationToken)
    {
        var context = new CaseEventContext(db, @case, actor, now);
        foreach (var domainEvent in raised.ToList())
        {
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(domainEvent, context, cancellationToken);
            }
        }

        return context;
    }
}
