using OpinionResponse.Domain.Cases;

namespace OpinionResponse.Infrastructure.Live;

/// <summary>Something every open screen that shows it must re-query. Published only after the change committed.</summary>
public abstract record LiveEvent;

/// <summary>Items were collected, claimed, released or triaged: triage queues and navigation counts refresh.</summary>
public sealed record ItemsChanged(IReadOnlyList<int> ItemIds, bool Collected) : LiveEvent;

/// <summary>A case changed (state, assessment, reports, plan, signatures, tasks, responses, comments).</summary>
public sealed record CaseChanged(int CaseId, CaseState State, string ActorId) : LiveEvent;

/// <summary>Who is viewing a case changed.</summary>
public sealed record PresenceChanged(int CaseId) : LiveEvent;

/// <summary>A user's notifications changed (a new one, or one was read).</summary>
public sealed record NotificationsChanged(string UserId) : LiveEvent;

/// <summary>A clock crossed its warning or due time and the watcher recorded it: chips showing it redraw at once.</summary>
public sealed record ClockThresholdCrossed(int? CaseId, int? ItemId, string Clock, string Threshold) : LiveEvent;
