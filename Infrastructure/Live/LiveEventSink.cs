using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Live;

/// <summary>
/// Turns committed domain events into live events: one per batch of items, one per changed case. It lives beside the
/// hub and the event records, so an event raised in Infrastructure (the intake writer's batch, a DbContext's save)
/// reaches the hub without passing through App, which only subscribes.
/// </summary>
public sealed class LiveEventSink(ILiveEventHub hub) : IDomainEventSink
{
    public async ValueTask PublishAsync(IReadOnlyList<RaisedEvents> batch, CancellationToken cancellationToken)
    {
        var items = batch.Where(b => b.Source is OpinionItem).ToList();
        if (items.Count > 0)
        {
            await hub.PublishAsync(new ItemsChanged(
                items.Select(b => ((OpinionItem)b.Source).Id).ToList(),
                items.Any(b => b.Events.Any(e => e is ItemCollected)),
                items.Any(b => b.Events.Any(e => e is ItemClaimed or ItemReleased or ItemTriaged))), cancellationToken);
        }

        foreach (var changed in batch.Where(b => b.Source is Case))
        {
            var @case = (Case)changed.Source;
            var actor = changed.Events.Select(ActorOf).LastOrDefault(a => a is not null) ?? string.Empty;
            await hub.PublishAsync(new CaseChanged(@case.Id, @case.State, actor), cancellationToken);
        }
    }

    private static string? ActorOf(Domain.Common.IDomainEvent domainEvent) => domainEvent switch
    {
        CaseStateChanged e => e.ActorId,
        CaseActivityRecorded e => e.ActorId,
        CaseOpened e => e.ActorId,
        ItemAttachedToCase e => e.ActorId,
        PlanSigned e => e.SignerId,
        _ => null,
    };
}
