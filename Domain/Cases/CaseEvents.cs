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

/// <summary>A drafted plan went for signatures (the signers are asked).</summary>
public sealed record PlanSubmitted(int PlanVersion, string DraftedById, string ActorId, DateTime OccurredAt) : IDomainEvent;

/// <summary>A drafted response went for approval (the chiefs who handle the case are asked).</summary>
public sealed record ResponseSubmitted(int ResponseSequence, string DraftedById, string ActorId, DateTime OccurredAt) : IDomainEvent;

/// <summary>A comment as stored (trimmed): whoever it names with "@" hears of it.</summary>
public sealed record CommentAdded(string Text, string ActorId, DateTime OccurredAt) : IDomainEvent;

/// <summary>A task went to a unit (转办): its members hear of it.</summary>
public sealed record TaskAssigned(int UnitId, string Description, string ActorId, DateTime OccurredAt) : IDomainEvent;

/// <summary>辟谣移交 <paramref name="Sequence"/>: its two tasks went to the police and the internet office, and a 辟谣 response is asked for.</summary>
public sealed record RumourHandedOff(int Sequence, string Note, string ActorId, DateTime OccurredAt) : IDomainEvent;

/// <summary>The assessment was completed; <paramref name="BecameMajor"/> when it lifted the case to 重大/特别重大 (the people on duty hear of it).</summary>
public sealed record CaseAssessed(RiskLevel Level, bool BecameMajor, string ActorId, DateTime OccurredAt) : IDomainEvent;
