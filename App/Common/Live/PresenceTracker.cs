using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Common.Live;

public sealed record Viewer(string UserId, string DisplayName, DateTime Since);

/// <summary>
/// Who has a case open now, across all circuits of this process (DESIGN §3: "a case shows who else is viewing it").
/// A user with the case open in two tabs counts once; closing the last tab removes them.
/// </summary>
public sealed class PresenceTracker(ILiveEventHub hub, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, Dictionary<string, (Viewer Viewer, int Tabs)>> viewers = [];

    public IReadOnlyList<Viewer> ViewersOf(int caseId)
    {
        lock (gate)
        {
            return viewers.TryGetValue(caseId, out var users)
                ? users.Values.Select(v => v.Viewer).OrderBy(v => v.Since).ToList()
                : [];
        }
    }

    /// <summary>Marks the user as viewing the case until the returned handle is disposed.</summary>
    public IDisposable Join(int caseId, string userId, string displayName)
    {
        bool changed;
        lock (gate)
        {
            if (!viewers.TryGetValue(caseId, out var users))
            {
                viewers[caseId] = users = [];
            }

            changed = !users.TryGetValue(userId, out var entry);
            users[userId] = changed ? (new Viewer(userId, displayName, clock.GetUtcNow().UtcDateTime), 1) : (entry.Viewer, entry.Tabs + 1);
        }

        if (changed)
        {
            _ = hub.PublishAsync(new PresenceChanged(caseId)).AsTask();
        }

        return new Membership(this, caseId, userId);
    }

    private void Leave(int caseId, string userId)
    {
        bool changed = false;
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
                    changed = true;
                    if (users.Count == 0)
                    {
                        viewers.Remove(caseId);
                    }
                }
            }
        }

        if (changed)
        {
            _ = hub.PublishAsync(new PresenceChanged(caseId)).AsTask();
        }
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
