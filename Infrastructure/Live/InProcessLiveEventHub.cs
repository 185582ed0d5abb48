using Microsoft.Extensions.Logging;

namespace OpinionResponse.Infrastructure.Live;

/// <summary>
/// Fan-out inside one process. Subscribers are snapshotted under the lock and called outside it, so a subscriber may
/// subscribe or unsubscribe from its handler; a throwing subscriber is logged and never stops the others.
/// </summary>
public sealed class InProcessLiveEventHub(ILogger<InProcessLiveEventHub> logger) : ILiveEventHub
{
    private readonly Lock gate = new();
    private readonly Dictionary<Type, List<Subscription>> subscriptions = [];

    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return subscriptions.Values.Sum(list => list.Count);
            }
        }
    }

    public IDisposable Subscribe<T>(Func<T, ValueTask> handler) where T : LiveEvent
    {
        var subscription = new Subscription(this, typeof(T), e => handler((T)e));
        lock (gate)
        {
            if (!subscriptions.TryGetValue(typeof(T), out var list))
            {
                subscriptions[typeof(T)] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    public async ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        Subscription[] targets;
        lock (gate)
        {
            targets = subscriptions.TryGetValue(liveEvent.GetType(), out var list) ? [.. list] : [];
        }

        foreach (var target in targets)
        {
            try
            {
                await target.Handler(liveEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber to {Event} failed", liveEvent.GetType().Name);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (subscriptions.TryGetValue(subscription.Type, out var list))
            {
                list.Remove(subscription);
                if (list.Count == 0)
                {
                    subscriptions.Remove(subscription.Type);
                }
            }
        }
    }

    private sealed class Subscription(InProcessLiveEventHub hub, Type type, Func<LiveEvent, ValueTask> handler) : IDisposable
    {
        private int disposed;

        public Type Type { get; } = type;

        public Func<LiveEvent, ValueTask> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                hub.Remove(this);
            }
        }
    }
}
