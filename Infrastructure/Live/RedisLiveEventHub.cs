using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpinionResponse.Infrastructure.Live;

/// <summary>
/// Live events between several app processes on one desk, through one Redis pub/sub channel. A published event goes to
/// this process's subscribers at once (directly, exactly once: the copy Redis echoes back is recognised by the node name
/// and skipped), and to Redis for the others, which hand it to their own subscribers marked
/// <see cref="LiveEvent.FromAnotherNode"/>.
/// <para>
/// On the wire an event is JSON: the sending node, the event's type name and its fields. A received type name is looked
/// up among the <see cref="LiveEvent"/> records compiled into this assembly, never loaded by name: whoever can write to
/// the channel can make a node refresh screens, not run code. Messages from a process of another version (an unknown
/// type) are dropped with a warning.
/// </para>
/// <para>
/// Redis down: the node keeps working on its own (its users still see each other's changes), the outage and the recovery
/// are logged, readiness reports it, and StackExchange.Redis reconnects and resubscribes by itself. Events published
/// meanwhile are not replayed: instead, once the link is back (and again a moment later, as resubscribing follows
/// reconnecting), the node tells its own screens to re-read what they show (<see cref="LiveEvent.Resync"/>), so nothing
/// another node changed during the outage stays stale on them.
/// </para>
/// </summary>
public sealed class RedisLiveEventHub : ILiveEventHub, IDisposable
{
    /// <summary>A message larger than this is not an event of this app: dropped unread.</summary>
    private const int MaxMessageBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The allow-list: every concrete live event record, by its name.</summary>
    private static readonly FrozenDictionary<string, Type> Known = typeof(LiveEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(LiveEvent)) && !t.IsAbstract)
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    private readonly InProcessLiveEventHub local;
    private readonly LiveNode node;
    private readonly ILogger<RedisLiveEventHub> logger;
    private readonly ConnectionMultiplexer redis;
    private readonly RedisChannel channel;
    private readonly CancellationTokenSource stopping = new();
    private int disposed;
    private int resyncs;

    public RedisLiveEventHub(IOptions<LiveOptions> options, LiveNode node, ILoggerFactory loggers)
    {
        this.node = node;
        logger = loggers.CreateLogger<RedisLiveEventHub>();
        local = new InProcessLiveEventHub(loggers.CreateLogger<InProcessLiveEventHub>());
        channel = RedisChannel.Literal(options.Value.Channel);
        var configuration = ConfigurationOptions.Parse(options.Value.Redis
            ?? throw new InvalidOperationException("Live:Redis (the Redis connection string) is missing while Live:Provider is Redis."));
        // Start (and serve) while Redis is down, and keep trying: a node must not depend on Redis to be useful.
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= node.Id;
        redis = ConnectionMultiplexer.Connect(configuration);
        redis.ConnectionFailed += (_, e) => logger.LogWarning(e.Exception,
            "Redis is unreachable ({Failure}): live events stay on this node until it reconnects.", e.FailureType);
        redis.ConnectionRestored += (_, e) =>
        {
            logger.LogInformation("Redis reachable again: live events reach the other nodes.");
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _ = ResyncAsync(stopping.Token);
            }
        };
        Subscribed = SubscribeAsync(stopping.Token);
    }

    /// <summary>After a resubscription the channel may take a moment to deliver again: the screens re-read once more then.</summary>
    internal static readonly TimeSpan ResyncAgainAfter = TimeSpan.FromSeconds(3);

    /// <summary>Times this node told its screens to re-read after the link to the other nodes came back.</summary>
    public int Resyncs => Volatile.Read(ref resyncs);

    /// <summary>Completes once this node listens on the channel (it keeps trying while Redis is down at start-up).</summary>
    public Task Subscribed { get; }

    public bool IsConnected => redis.IsConnected;

    public string NodeId => node.Id;

    public IDisposable Subscribe<T>(Func<T, ValueTask> handler) where T : LiveEvent => local.Subscribe(handler);

    public async ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        if (!Known.ContainsKey(liveEvent.GetType().Name))
        {
            throw new ArgumentException($"{liveEvent.GetType().Name} is not a live event of this app.", nameof(liveEvent));
        }

        await local.PublishAsync(liveEvent, cancellationToken);
        if (liveEvent.FromAnotherNode)
        {
            // Already on every node: its sender published it to all.
            return;
        }

        try
        {
            // Fire and forget: the publisher (a command that has committed) never waits for Redis, up or down.
            await redis.GetSubscriber().PublishAsync(channel, Serialize(liveEvent), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            logger.LogWarning(ex, "A {Event} did not reach Redis: the other nodes miss it.", liveEvent.GetType().Name);
        }
    }

    internal byte[] Serialize(LiveEvent liveEvent) => JsonSerializer.SerializeToUtf8Bytes(
        new Envelope(node.Id, liveEvent.GetType().Name, JsonSerializer.SerializeToElement(liveEvent, liveEvent.GetType(), Json)), Json);

    /// <summary>The event a message carries, or null when it is this node's own echo or not a known event.</summary>
    internal LiveEvent? Deserialize(ReadOnlyMemory<byte> message)
    {
        if (message.Length > MaxMessageBytes)
        {
            logger.LogWarning("A live message of {Bytes} bytes was dropped.", message.Length);
            return null;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.Span, Json);
            if (envelope is null || envelope.Node == node.Id)
            {
                return null;
            }

            if (envelope.Type is null || !Known.TryGetValue(envelope.Type, out var type))
            {
                logger.LogWarning("A live message of unknown type {Type} from {Node} was dropped.", envelope.Type, envelope.Node);
                return null;
            }

            var liveEvent = (LiveEvent?)envelope.Event.Deserialize(type, Json);
            return liveEvent is null ? null : liveEvent with { FromAnotherNode = true };
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "An unreadable live message was dropped.");
            return null;
        }
    }

    /// <summary>Events of other nodes may have been lost: this node's screens re-read now and once more shortly after.</summary>
    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ResyncOnceAsync();
            await Task.Delay(ResyncAgainAfter, cancellationToken);
            await ResyncOnceAsync();
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Telling this node's screens to re-read after the Redis outage failed.");
        }
    }

    private async Task ResyncOnceAsync()
    {
        Interlocked.Increment(ref resyncs);
        foreach (var liveEvent in LiveEvent.ResyncEvents())
        {
            await local.PublishAsync(liveEvent, CancellationToken.None);
        }
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var failed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // A queue, not a callback: messages are handled one at a time in the order they were published.
                var queue = await redis.GetSubscriber().SubscribeAsync(channel);
                queue.OnMessage(async message =>
                {
                    if (Deserialize((byte[])message.Message!) is { } liveEvent)
                    {
                        await local.PublishAsync(liveEvent, CancellationToken.None);
                    }
                });
                if (failed)
                {
                    // Redis was down when this node started: pages opened meanwhile missed the other nodes' events.
                    _ = ResyncAsync(cancellationToken);
                }

                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                failed = true;
                logger.LogWarning("Subscribing to Redis failed ({Reason}); trying again.", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    /// <summary>Idempotent: the container disposes it once as itself and once as the <see cref="ILiveEventHub"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        stopping.Cancel();
        redis.Dispose();
        stopping.Dispose();
    }

    private sealed record Envelope(string Node, string? Type, JsonElement Event);
}
