using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Cases;

/// <summary>Raised by every fired trigger that changes the state. The case's id is added by the dispatcher after commit.</summary>
public sealed record CaseStateChanged(CaseTrigger Trigger, CaseState From, CaseState To, string ActorId, DateTime OccurredAt) : IDomainEvent;

/// <summary>Raised by every fired trigger that keeps the state (an activity inside it).</summary>
public sealed record CaseActivityRecorded(CaseTrigger Trigger, CaseState State, string ActorId, DateTime OccurredAt) : IDomainEvent;

public sealed record CaseOpened(string ActorId, DateTime OccurredAt) : IDomainEvent;

public sealed record PlanSigned(int PlanVersion, Role Role, string SignerId, bool FullySigned, DateTime OccurredAt) : IDomainEvent;

public sealed record ResponsePublished(int ResponseSequence, string Channel, DateTime OccurredAt) : IDomainEvent;

public sealed record ItemAttachedToCase(int ItemId, string ActorId, DateTime OccurredAt) : IDomainEvent;

public sealed record CaseReassigned(string PreviousOwnerId, string OwnerId, string ActorId, DateTime OccurredAt) : IDomainEvent;
