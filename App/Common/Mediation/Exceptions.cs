namespace OpinionResponse.App.Common.Mediation;

/// <summary>The user's role or unit does not allow the request (SECURITY.md Z1).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The record does not exist, or the user may not know that it does (Z2: no leak by id).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Someone else changed the case after this user loaded it; nothing was saved.</summary>
public sealed class ConcurrencyConflictException(int caseId) : Exception($"Case {caseId} was changed by someone else.")
{
    public int CaseId { get; } = caseId;
}
