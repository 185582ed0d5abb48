using System.Text.Json.Serialization;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.Infrastructure.Live;

/// <summary>Something every open screen that shows it must re-query. Published only after the change committed.</summary>
public abstract record LiveEvent
{
    /// <summary>
    /// Set by a hub that links several app processes (<see cref="RedisLiveEventHub"/>) on an event published by another
    /// one: what this process keeps in memory about its own writes (the similarity indexes) must then be told. Never on
    /// the wire: a node says where an event came from, not the event.
    /// </summary>
    [JsonIgnore]
    public bool FromAnotherNode { get; init; }

    /// <summary>
    /// Raised by this process for its own screens alone (never sent) when its link to the other processes came back after
    /// a break (<see cref="RedisLiveEventHub"/>): what they published meanwhile was lost, so every screen re-reads what it
    /// shows whatever case, user or items it watches. Such an event names no case, user or item.
    /// </summary>
    [JsonIgnore]
    public bool Resync { get; init; }

    /// <summary>One of each event a screen refreshes on, marked <see cref="Resync"/>.</summary>
    public static IReadOnlyList<LiveEvent> ResyncEvents() =>
    [
        new ItemsChanged([], Collected: false) { Resync = true },
        new CaseChanged(0, default, string.Empty) { Resync = true },
        new NotificationsChanged(string.Empty) { Resync = true },
        new ClockThresholdCrossed(null, null, string.Empty, string.Empty) { Resync = true },
    ];
}

/// <summary>Items were collected, claimed, released or triaged: triage queues and navigation counts refresh.</summary>
/// <param name="Claims">
/// A claim was taken, released or ended by triage. What waits for a user (待我办理) changes with their claims, not with
/// items arriving or suggestions found: its watchers skip the rest, which at a busy intake is nearly every event.
/// </param>
public sealed record ItemsChanged(IReadOnlyList<int> ItemIds, bool Collected, bool Claims = false) : LiveEvent;

/// <summary>A case changed (state, assessment, reports, plan, signatures, tasks, responses, comments).</summary>
public sealed record CaseChanged(int CaseId, CaseState State, string ActorId) : LiveEvent;

/// <summary>
/// Who is viewing a case changed. With several app processes each says who views the case on it (<paramref name="Node"/>,
/// <paramref name="Viewers"/>), so that every process can list the viewers of all; without them it is only a signal.
/// </summary>
public sealed record PresenceChanged(int CaseId, string? Node = null, IReadOnlyList<PresentViewer>? Viewers = null) : LiveEvent;

/// <summary>One person viewing a case on one app process (in a <see cref="PresenceChanged"/> or <see cref="PresenceHeartbeat"/>).</summary>
public sealed record PresentViewer(string UserId, string DisplayName, DateTime Since);

/// <summary>
/// Every few seconds each app process says whom it has on which case: a process that starts late learns them, and one
/// that stops saying so (it died) has its viewers dropped by the others after a while.
/// </summary>
public sealed record PresenceHeartbeat(string Node, IReadOnlyDictionary<int, IReadOnlyList<PresentViewer>> Cases) : LiveEvent;

/// <summary>A user's notifications changed (a new one, or one was read).</summary>
public sealed record NotificationsChanged(string UserId) : LiveEvent;

/// <summary>A clock crossed its warning or due time and the watcher recorded it: chips showing it redraw at once.</summary>
public sealed record ClockThresholdCrossed(int? CaseId, int? ItemId, string Clock, string Threshold) : LiveEvent;
