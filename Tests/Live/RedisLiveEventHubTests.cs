using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Tests.Support;
using StackExchange.Redis;
using Xunit;

namespace OpinionResponse.Tests.Live;

/// <summary>The Redis hub between two nodes, on a real redis-server started for each test.</summary>
public sealed class RedisLiveEventHubTests : IDisposable
{
    private readonly RedisServer? redis = RedisServer.Executable is null ? null : new RedisServer();
    private readonly List<IDisposable> owned = [];

    [RedisFact]
    public async Task An_event_reaches_every_subscriber_of_both_nodes_exactly_once_marked_where_it_came_from()
    {
        var a = Hub("node-a");
        var b = Hub("node-b");
        await Task.WhenAll(a.Subscribed, b.Subscribed);
        var onA = Received<CaseChanged>(a);
        var onB = Received<CaseChanged>(b);

        await a.PublishAsync(new CaseChanged(42, CaseState.Assessing, "u-li"));
        await a.PublishAsync(new CaseChanged(43, CaseState.Closed, "u-li"));

        await Eventually.HoldsAsync(() => onB.Count == 2);
        await Task.Delay(300);
        Assert.Equal([42, 43], onA.Select(e => e.CaseId));
        Assert.All(onA, e => Assert.False(e.FromAnotherNode));
        Assert.Equal([42, 43], onB.Select(e => e.CaseId));
        Assert.All(onB, e => Assert.True(e.FromAnotherNode));
        Assert.Equal(new CaseChanged(42, CaseState.Assessing, "u-li") { FromAnotherNode = true }, onB.First());
    }

    [RedisFact]
    public async Task Events_with_lists_and_dictionaries_arrive_whole()
    {
        var a = Hub("node-a");
        var b = Hub("node-b");
        await Task.WhenAll(a.Subscribed, b.Subscribed);
        var items = Received<ItemsChanged>(b);
        var heartbeats = Received<PresenceHeartbeat>(b);
        var since = new DateTime(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc);

        await a.PublishAsync(new ItemsChanged([3, 5, 8], Collected: true));
        await a.PublishAsync(new PresenceHeartbeat("node-a", new Dictionary<int, IReadOnlyList<PresentViewer>>
        {
            [7] = [new PresentViewer("u-li", "李娜", since)],
        }));

        await Eventually.HoldsAsync(() => heartbeats.Count == 1);
        Assert.Equal([3, 5, 8], Assert.Single(items).ItemIds);
        Assert.True(items.Single().Collected);
        var viewer = Assert.Single(heartbeats.Single().Cases[7]);
        Assert.Equal(new PresentViewer("u-li", "李娜", since), viewer);
    }

    [RedisFact]
    public async Task A_message_naming_a_type_that_is_no_live_event_is_dropped_and_never_loaded()
    {
        var b = Hub("node-b");
        await b.Subscribed;
        var cases = Received<CaseChanged>(b);
        using var writer = await ConnectionMultiplexer.ConnectAsync(redis!.ConnectionString);
        var channel = RedisChannel.Literal(new LiveOptions().Channel);

        foreach (var type in new[] { "System.Diagnostics.Process, System.Diagnostics.Process", "LiveEvent", "Evil" })
        {
            var message = new JsonObject { ["node"] = "x", ["type"] = type, ["event"] = new JsonObject { ["fileName"] = "/bin/sh" } };
            await writer.GetSubscriber().PublishAsync(channel, message.ToJsonString());
        }

        await writer.GetSubscriber().PublishAsync(channel, "not json");
        await writer.GetSubscriber().PublishAsync(channel, new JsonObject
        {
            ["node"] = "x",
            ["type"] = nameof(CaseChanged),
            ["event"] = new JsonObject { ["caseId"] = 9, ["state"] = (int)CaseState.Closed, ["actorId"] = "u" },
        }.ToJsonString());

        // Published in order on one channel: the valid one arrives after the others were read, and only it does.
        await Eventually.HoldsAsync(() => cases.Count == 1);
        Assert.Equal(9, cases.Single().CaseId);
        Assert.Null(b.Deserialize("""{"node":"x","type":"ItemsChanged","event":null}"""u8.ToArray()));
    }

    [RedisFact]
    public async Task During_a_Redis_outage_a_node_still_serves_its_own_subscribers_logs_it_and_links_up_again_afterwards()
    {
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        var a = Hub("node-a", loggers);
        var b = Hub("node-b");
        await Task.WhenAll(a.Subscribed, b.Subscribed);
        var onA = Received<NotificationsChanged>(a);
        var onB = Received<NotificationsChanged>(b);

        redis!.Stop();
        await Eventually.HoldsAsync(() => !a.IsConnected, TimeSpan.FromSeconds(20));
        await a.PublishAsync(new NotificationsChanged("during"));
        // A resync of A's own screens may fall in here (a slow subscribe at start-up re-reads 3 s later): not what is asked.
        Assert.Equal(["during"], onA.Where(e => !e.Resync).Select(e => e.UserId));
        // StackExchange.Redis raises its connection events on its own thread, possibly after IsConnected turned false.
        await Eventually.HoldsAsync(() => logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning
            && r.Message.Contains("Redis is unreachable", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));

        redis.Start();
        await Eventually.HoldsAsync(() => a.IsConnected && b.IsConnected, TimeSpan.FromSeconds(30));
        // Resubscribing follows reconnecting: publish until the other node hears again.
        await Eventually.HoldsAsync(async () =>
        {
            await a.PublishAsync(new NotificationsChanged("after"));
            await Task.Delay(200);
            return onB.Any(e => e.UserId == "after");
        }, TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => logs.GetSnapshot().Any(r => r.Message.Contains("Redis reachable again", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10));
    }

    [RedisFact]
    public async Task After_a_Redis_outage_a_node_tells_its_own_screens_to_re_read_what_they_show_since_the_other_nodes_events_were_lost()
    {
        var a = Hub("node-a");
        var b = Hub("node-b");
        await Task.WhenAll(a.Subscribed, b.Subscribed);
        var items = Received<ItemsChanged>(b);
        var cases = Received<CaseChanged>(b);
        var bells = Received<NotificationsChanged>(b);
        var clocks = Received<ClockThresholdCrossed>(b);

        redis!.Stop();
        await Eventually.HoldsAsync(() => !a.IsConnected && !b.IsConnected, TimeSpan.FromSeconds(20));
        // B's screens do not hear of these now; the client may send them late from its backlog once the link is back,
        // which must not stand in for the re-read (whatever else was published meanwhile may be lost for good).
        await a.PublishAsync(new ItemsChanged([7], Collected: true));
        await a.PublishAsync(new CaseChanged(7, CaseState.Assessing, "u-li"));
        Assert.Empty(items);

        redis.Start();
        await Eventually.HoldsAsync(() => items.Any(e => e.Resync) && cases.Any(e => e.Resync)
            && bells.Any(e => e.Resync) && clocks.Any(e => e.Resync), TimeSpan.FromSeconds(30));
        Assert.Contains(items, e => e.Resync && !e.FromAnotherNode && e.ItemIds.Count == 0);
        Assert.All(items.Where(e => !e.Resync), e => Assert.True(e.FromAnotherNode && e.ItemIds.SequenceEqual([7])));
        Assert.All(cases.Where(e => !e.Resync), e => Assert.Equal(7, e.CaseId));
        Assert.All(bells, e => Assert.True(e.Resync));
        Assert.All(clocks, e => Assert.True(e.Resync));
        // Once more after resubscribing has settled, for whatever was published in between.
        await Eventually.HoldsAsync(() => b.Resyncs >= 2, RedisLiveEventHub.ResyncAgainAfter * 3);
        // Never on the wire: each node resyncs its own screens when its own link comes back.
        Assert.DoesNotContain("resync", System.Text.Encoding.UTF8.GetString(b.Serialize(new ItemsChanged([], Collected: false) { Resync = true })),
            StringComparison.OrdinalIgnoreCase);
    }

    [RedisFact]
    public async Task Readiness_reports_Redis_and_stays_serving_while_it_is_down()
    {
        await using var app = new TestApp();
        app.Settings["Live:Provider"] = "Redis";
        app.Settings["Live:Redis"] = redis!.ConnectionString;
        await app.InitializeAsync();

        var up = JsonNode.Parse((await app.LocalReadinessAsync()).Body)!;
        Assert.Equal("Healthy", Check(up, "redis")["status"]!.GetValue<string>());

        redis.Stop();
        var hub = (RedisLiveEventHub)app.Services.GetService(typeof(RedisLiveEventHub))!;
        await Eventually.HoldsAsync(() => !hub.IsConnected, TimeSpan.FromSeconds(20));
        var (status, body) = await app.LocalReadinessAsync();
        var down = JsonNode.Parse(body)!;
        Assert.Equal((int)HttpStatusCode.OK, status);
        Assert.Equal("Degraded", Check(down, "redis")["status"]!.GetValue<string>());
    }

    private static JsonNode Check(JsonNode report, string name) =>
        report["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!;

    private RedisLiveEventHub Hub(string node, ILoggerFactory? loggers = null)
    {
        var hub = new RedisLiveEventHub(Options.Create(new LiveOptions { Provider = LiveProvider.Redis, Redis = redis!.ConnectionString }),
            new LiveNode(node), loggers ?? NullLoggerFactory.Instance);
        owned.Add(hub);
        return hub;
    }

    private ConcurrentQueue<T> Received<T>(ILiveEventHub hub) where T : LiveEvent
    {
        var received = new ConcurrentQueue<T>();
        owned.Add(hub.Subscribe<T>(e =>
        {
            received.Enqueue(e);
            return ValueTask.CompletedTask;
        }));
        return received;
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(owned))
        {
            item.Dispose();
        }

        redis?.Dispose();
    }
}
