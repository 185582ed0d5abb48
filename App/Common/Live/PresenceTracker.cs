using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Common.Live;

public sealed record Viewer(string UserId, string DisplayName, DateTime Since);

/// <summary>
/// Who has a case open now, across all circuits of this process and of the other app processes of the desk (DESIGN §3:
/// "a case shows who else is viewing it"). A user with the case open in two tabs, or on two nodes, counts once; closing
/// the last tab removes them.
/// <para>
/// Between processes: each one says whom it has on a case whenever that changes (<see cref="PresenceChanged"/> with its
/// node and viewers), and all of it every <see cref="LiveOptions.PresenceHeartbeat"/> (<see cref="PresenceHeartbeat"/>), so a process
/// started later learns the others' viewers and a process that died (it no longer says anything) has its viewers dropped
/// after <see cref="LiveOptions.PresenceExpiry"/>. With the in-process hub there is no other node: its own messages are ignored.
/// </para>
/// </summary>
public sealed class PresenceTracker : IDisposable
{
    /// <summary>The default of <see cref="LiveOptions.PresenceHeartbeat"/>.</summary>
    public static readonly TimeSpan HeartbeatEvery = new LiveOptions().PresenceHeartbeat;

    /// <summary>The default of <see cref="LiveOptions.PresenceExpiry"/>: three heartbeats missed, and a little time for a busy node.</summary>
    public static readonly TimeSpan ExpireAfter = new LiveOptions().PresenceExpiry;

    private readonly TimeSpan expireAfter;

    private readonly ILiveEventHub hub;
    private readonly TimeProvider clock;
    private readonly string node;
    private readonly Lock gate = new();
    private readonly Dictionary<int, Dictionary<string, (Viewer Viewer, int Tabs)>> viewers = [];
    private readonly Dictionary<string, OtherNode> others = [];
    private readonly IDisposable changes;
    private readonly IDisposable heartbeats;
    private readonly ITimer timer;

    public PresenceTracker(ILiveEventHub hub, TimeProvider clock)
        : this(hub, clock, new LiveNode())
    {
    }

    public PresenceTracker(ILiveEventHub hub, TimeProvider clock, LiveNode node)
        : this(hub, clock, node, Microsoft.Extensions.Options.Options.Create(new LiveOptions()))
    {
    }

    public PresenceTracker(ILiveEventHub hub, TimeProvider clock, LiveNode node, Microsoft.Extensions.Options.IOptions<LiveOptions> options)
    {
        this.hub = hub;
        this.clock = clock;
        this.node = node.Id;
        var heartbeat = options.Value.PresenceHeartbeat > TimeSpan.Zero ? options.Value.PresenceHeartbeat : HeartbeatEvery;
        expireAfter = options.Value.PresenceExpiry > heartbeat ? options.Value.PresenceExpiry : heartbeat * 3.5;
        changes = hub.Subscribe<PresenceChanged>(OnChanged);
        heartbeats = hub.Subscribe<PresenceHeartbeat>(OnHeartbeat);
        timer = clock.CreateTimer(_ => _ = TickAsync(), null, heartbeat, heartbeat);
    }

    public IReadOnlyList<Viewer> ViewersOf(int caseId)
    {
        lock (gate)
        {
            var all = viewers.TryGetValue(caseId, out var users) ? users.Values.Select(v => v.Viewer).ToList() : [];
            foreach (var other in others.Values)
            {
                if (other.Cases.TryGetValue(caseId, out var remote))
                {
                    all.AddRange(remote.Select(v => new Viewer(v.UserId, v.DisplayName, v.Since)));
                }
            }

            // One person on two nodes counts once, since they first came.
            return all.GroupBy(v => v.UserId).Select(g => g.MinBy(v => v.Since)!).OrderBy(v => v.Since).ToList();
        }
    }

    /// <summary>Marks the user as viewing the case until the returned handle is disposed.</summary>
    public IDisposable Join(int caseId, string userId, string displayName)
    {
        IReadOnlyList<PresentViewer>? changed = null;
        lock (gate)
        {
            if (!viewers.TryGetValue(caseId, out var users))
            {
                viewers[caseId] = users = [];
            }

            if (users.TryGetValue(userId, out var entry))
            {
                users[userId] = (entry.Viewer, entry.Tabs + 1);
            }
            else
            {
                users[userId] = (new Viewer(userId, displayName, clock.GetUtcNow().UtcDateTime), 1);
                changed = LocalViewersOf(caseId);
            }
        }

        if (changed is not null)
        {
            _ = hub.PublishAsync(new PresenceChanged(caseId, node, changed)).AsTask();
        }

        return new Membership(this, caseId, userId);
    }

    private void Leave(int caseId, string userId)
    {
        IReadOnlyList<PresentViewer>? changed = null;
        lock (gate)
        {
            if (viewers.TryGetValue(caseId, out var users) && users.TryGetValue(userId, out var entry))
            {
                if (entry.Tabs > 1)
                {
                    users[userId] = (entry.Viewer, entry.Tabs - 1);
                }
                else
                {
                    users.Remove(userId);
                    if (users.Count == 0)
                    {
                        viewers.Remove(caseId);
                    }

                    changed = LocalViewersOf(caseId);
                }
            }
        }

        if (changed is not null)
        {
            _ = hub.PublishAsync(new PresenceChanged(caseId, node, changed)).AsTask();
        }
    }

    /// <summary>This node's viewers of a case, as the others are told them (under the lock).</summary>
    private List<PresentViewer> LocalViewersOf(int caseId) =>
        viewers.TryGetValue(caseId, out var users)
            ? users.Values.Select(v => new PresentViewer(v.Viewer.UserId, v.Viewer.DisplayName, v.Viewer.Since)).ToList()
            : [];

    /// <summary>Another node's viewers of one case (this node's own changes are already in <see cref="viewers"/>).</summary>
    private ValueTask OnChanged(PresenceChanged e)
    {
        if (e.Node is null || e.Node == node || e.Viewers is null)
        {
            return ValueTask.CompletedTask;
        }

        lock (gate)
        {
            var other = Heard(e.Node);
            if (e.Viewers.Count == 0)
            {
                other.Cases.Remove(e.CaseId);
            }
            else
            {
                other.Cases[e.CaseId] = e.Viewers;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>All of another node's viewers: screens of the cases where that differs from what was known redraw.</summary>
    private async ValueTask OnHeartbeat(PresenceHeartbeat e)
    {
        if (e.Node == node)
        {
            return;
        }

        List<int> differ;
        lock (gate)
        {
            var other = Heard(e.Node);
            differ = other.Cases.Keys.Union(e.Cases.Keys)
                .Where(id => !other.Cases.TryGetValue(id, out var before) || !e.Cases.TryGetValue(id, out var now) || !before.SequenceEqual(now))
                .ToList();
            other.Cases = e.Cases.ToDictionary();
        }

        foreach (var caseId in differ)
        {
            await hub.PublishAsync(new PresenceChanged(caseId));
        }
    }

    private OtherNode Heard(string name)
    {
        if (!others.TryGetValue(name, out var other))
        {
            others[name] = other = new OtherNode();
        }

        other.LastHeard = clock.GetTimestamp();
        return other;
    }

    /// <summary>Says who is here, and forgets the nodes that have gone quiet (their cases' screens redraw without them).</summary>
    internal async Task TickAsync()
    {
        Dictionary<int, IReadOnlyList<PresentViewer>> mine;
        List<int> dropped = [];
        lock (gate)
        {
            mine = viewers.Keys.ToDictionary(id => id, id => (IReadOnlyList<PresentViewer>)LocalViewersOf(id));
            foreach (var (name, other) in others.ToList())
            {
                if (clock.GetElapsedTime(other.LastHeard) >= expireAfter)
                {
                    others.Remove(name);
                    dropped.AddRange(other.Cases.Keys);
                }
            }
        }

        try
        {
            await hub.PublishAsync(new PresenceHeartbeat(node, mine));
            foreach (var caseId in dropped.Distinct())
            {
                await hub.PublishAsync(new PresenceChanged(caseId));
            }
        }
        catch (Exception)
        {
            // A failed heartbeat is followed by the next one; a timer callback must not throw.
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        changes.Dispose();
        heartbeats.Dispose();
    }

    private sealed class OtherNode
    {
        public long LastHeard { get; set; }

        public Dictionary<int, IReadOnlyList<PresentViewer>> Cases { get; set; } = [];
    }

    private sealed class Membership(PresenceTracker tracker, int caseId, string userId) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                tracker.Leave(caseId, userId);
            }
        }
    }
}
