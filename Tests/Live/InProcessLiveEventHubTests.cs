using Microsoft.Extensions.Logging.Abstractions;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Live;
using Xunit;

namespace OpinionResponse.Tests.Live;

public sealed class InProcessLiveEventHubTests
{
    private readonly InProcessLiveEventHub hub = new(NullLogger<InProcessLiveEventHub>.Instance);

    [Fact]
    public async Task A_subscriber_receives_the_events_of_its_type_only()
    {
        var cases = new List<int>();
        using var _ = hub.Subscribe<CaseChanged>(e =>
        {
            cases.Add(e.CaseId);
            return ValueTask.CompletedTask;
        });

        await hub.PublishAsync(new CaseChanged(7, CaseState.Assessing, "u1"));
        await hub.PublishAsync(new ItemsChanged([1], Collected: true));
        await hub.PublishAsync(new CaseChanged(8, CaseState.Closed, "u2"));

        Assert.Equal([7, 8], cases);
    }

    [Fact]
    public async Task Every_subscriber_gets_every_event()
    {
        var counts = new int[5];
        var subscriptions = Enumerable.Range(0, counts.Length)
            .Select(i => hub.Subscribe<ItemsChanged>(_ =>
            {
                Interlocked.Increment(ref counts[i]);
                return ValueTask.CompletedTask;
            }))
            .ToList();

        for (var n = 0; n < 3; n++)
        {
            await hub.PublishAsync(new ItemsChanged([n], Collected: true));
        }

        Assert.All(counts, c => Assert.Equal(3, c));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task After_unsubscribing_nothing_arrives_and_nothing_is_kept()
    {
        var received = 0;
        var subscription = hub.Subscribe<PresenceChanged>(_ =>
        {
            received++;
            return ValueTask.CompletedTask;
        });
        await hub.PublishAsync(new PresenceChanged(1));

        subscription.Dispose();
        subscription.Dispose();
        await hub.PublishAsync(new PresenceChanged(1));

        Assert.Equal(1, received);
        Assert.Equal(0, hub.SubscriberCount);
    }

    [Fact]
    public async Task A_throwing_subscriber_does_not_stop_the_others()
    {
        var reached = new List<string>();
        using var first = hub.Subscribe<CaseChanged>(_ =>
        {
            reached.Add("first");
            return ValueTask.CompletedTask;
        });
        using var broken = hub.Subscribe<CaseChanged>(_ => throw new InvalidOperationException("a circuit died"));
        using var brokenAsync = hub.Subscribe<CaseChanged>(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("a circuit died later");
        });
        using var last = hub.Subscribe<CaseChanged>(_ =>
        {
            reached.Add("last");
            return ValueTask.CompletedTask;
        });

        await hub.PublishAsync(new CaseChanged(1, CaseState.Collected, "u"));

        Assert.Equal(["first", "last"], reached);
    }

    [Fact]
    public async Task A_subscriber_may_unsubscribe_itself_while_being_called()
    {
        var calls = 0;
        IDisposable? self = null;
        self = hub.Subscribe<NotificationsChanged>(_ =>
        {
            calls++;
            self!.Dispose();
            return ValueTask.CompletedTask;
        });

        await hub.PublishAsync(new NotificationsChanged("u"));
        await hub.PublishAsync(new NotificationsChanged("u"));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Subscribing_and_publishing_from_many_threads_loses_no_subscription()
    {
        var delivered = 0;
        var subscriptions = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
            hub.Subscribe<ItemsChanged>(_ =>
            {
                Interlocked.Increment(ref delivered);
                return ValueTask.CompletedTask;
            }))));
        Assert.Equal(200, hub.SubscriberCount);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => hub.PublishAsync(new ItemsChanged([i], true)).AsTask()));
        Assert.Equal(2000, delivered);

        await Task.WhenAll(subscriptions.Select(s => Task.Run(s.Dispose)));
        Assert.Equal(0, hub.SubscriberCount);
    }
}
