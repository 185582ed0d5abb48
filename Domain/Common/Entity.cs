namespace OpinionResponse.Domain.Common;

/// <summary>A past-tense fact raised by an aggregate, dispatched after the transaction commits.</summary>
public interface IDomainEvent
{
    DateTime OccurredAt { get; }
}

public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _events = [];

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    protected void Raise(IDomainEvent domainEvent) => _events.Add(domainEvent);

    public void ClearDomainEvents() => _events.Clear();
}
