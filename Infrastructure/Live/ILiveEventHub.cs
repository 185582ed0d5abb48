namespace OpinionResponse.Infrastructure.Live;

/// <summary>
/// The one live-event abstraction (DESIGN §3): in-process by default; a Redis pub/sub implementation can replace it
/// for several servers without touching features.
/// </summary>
public interface ILiveEventHub
{
    /// <summary>Calls <paramref name="handler"/> for every event of type <typeparamref name="T"/> until the subscription is disposed.</summary>
    IDisposable Subscribe<T>(Func<T, ValueTask> handler) where T : LiveEvent;

    ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default);
}
