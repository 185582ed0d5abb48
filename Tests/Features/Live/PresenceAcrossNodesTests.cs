using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpinionResponse.App.Common.Live;
using OpinionResponse.Infrastructure.Live;
using Xunit;

namespace OpinionResponse.Tests.Features.Live;

/// <summary>
/// Presence with several app processes: trackers of different nodes on one hub (as Redis links them), on a fake clock
/// that drives their heartbeats and expiry.
/// </summary>
public sealed class PresenceAcrossNodesTests : IDisposable
{
    private const int CaseId = 7;

    private readonly InProcessLiveEventHub hub = new(NullLogger<InProcessLiveEventHub>.Instance);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
    private readonly List<PresenceTracker> trackers = [];
    private readonly ConcurrentQueue<int> signalled = new();
    private readonly IDisposable subscription;

    public PresenceAcrossNodesTests()
    {
        subscription = hub.Subscribe<PresenceChanged>(e =>
        {
            signalled.Enqueue(e.CaseId);
            return ValueTask.CompletedTask;
        });
    }

    [Fact]
    public void A_viewer_on_another_node_is_listed_and_one_person_on_both_nodes_counts_once()
    {
        var a = Node("a");
        var b = Node("b");

        var liOnA = a.Join(CaseId, "u-li", "李娜");
        Assert.Equal(["李娜"], Names(b));

        clock.Advance(TimeSpan.FromSeconds(1));
        var wangOnB = b.Join(CaseId, "u-wang", "王强");
        Assert.Equal(["李娜", "王强"], Names(a));

        // 李娜 opens the case on node B too: still one 李娜, on both nodes' lists.
        var liOnB = b.Join(CaseId, "u-li", "李娜");
        Assert.Equal(["李娜", "王强"], Names(a));
        Assert.Equal(["李娜", "王强"], Names(b));

        // She closes it on A: still there through B, since she came on B (after 王强).
        liOnA.Dispose();
        Assert.Equal(["王强", "李娜"], Names(a));
        liOnB.Dispose();
        Assert.Equal(["王强"], Names(a));
        wangOnB.Dispose();
        Assert.Empty(a.ViewersOf(CaseId));
    }

    [Fact]
    public void The_viewers_of_a_node_that_went_silent_are_dropped_while_a_living_nodes_stay()
    {
        var dying = Node("a");
        var living = Node("c");
        var b = Node("b");
        dying.Join(CaseId, "u-li", "李娜");
        living.Join(CaseId, "u-wang", "王强");
        Assert.Equal(["李娜", "王强"], Names(b));

        // Node a dies: no leave is ever said, its heartbeats stop.
        dying.Dispose();
        trackers.Remove(dying);
        signalled.Clear();
        for (var elapsed = TimeSpan.Zero; elapsed < PresenceTracker.ExpireAfter; elapsed += PresenceTracker.HeartbeatEvery)
        {
            clock.Advance(PresenceTracker.HeartbeatEvery);
        }

        clock.Advance(PresenceTracker.HeartbeatEvery);
        Assert.Equal(["王强"], Names(b));
        Assert.Contains(CaseId, signalled);
    }

    [Fact]
    public void A_node_started_later_learns_who_is_on_the_others_from_their_next_heartbeat()
    {
        var a = Node("a");
        a.Join(CaseId, "u-li", "李娜");

        var late = Node("late");
        Assert.Empty(late.ViewersOf(CaseId));
        signalled.Clear();

        clock.Advance(PresenceTracker.HeartbeatEvery);
        Assert.Equal(["李娜"], Names(late));
        Assert.Contains(CaseId, signalled);
    }

    private PresenceTracker Node(string name)
    {
        var tracker = new PresenceTracker(hub, clock, new LiveNode(name));
        trackers.Add(tracker);
        return tracker;
    }

    private static List<string> Names(PresenceTracker tracker) => tracker.ViewersOf(CaseId).Select(v => v.DisplayName).ToList();

    public void Dispose()
    {
        subscription.Dispose();
        foreach (var tracker in trackers)
        {
            tracker.Dispose();
        }
    }
}
