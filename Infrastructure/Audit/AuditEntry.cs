namespace OpinionResponse.Infrastructure.Audit;

public enum AuditOutcome
{
    Succeeded,
    Refused,
    Invalid,
    Failed,
}

/// <summary>
/// One append-only line of the audit log: written in the same transaction as the change it describes, then sealed into
/// the hash chain by <see cref="AuditSealer"/> (<see cref="Seq"/> and <see cref="Hash"/> are null until then).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public string? Units { get; set; }

    public string Action { get; set; } = string.Empty;

    public string? ObjectType { get; set; }

    public string? ObjectId { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>The request as JSON (secrets never included), or the refusal's reason.</summary>
    public string? Detail { get; set; }

    public string? Ip { get; set; }

    /// <summary>Before/after values of what the change modified, as compact JSON: {"Case#12":{"Title":["old","new"]}}.</summary>
    public string? Changes { get; set; }

    /// <summary>Position in the hash chain, from 1 without gaps; null until sealed.</summary>
    public long? Seq { get; set; }

    /// <summary>SHA-256 (hex) of the previous row's hash followed by this row's canonical content; null until sealed.</summary>
    public string? Hash { get; set; }

    /// <summary>A new, unsaved row saying the same (one per transaction of a change that spans several).</summary>
    public AuditEntry Copy()
    {
        var copy = (AuditEntry)MemberwiseClone();
        copy.Id = 0;
        copy.Seq = null;
        copy.Hash = null;
        return copy;
    }
}

/// <summary>
/// The audit rows of the requests being handled, each under its request object. The audit behaviour opens one; a handler
/// asks for its own command's (<see cref="Of"/>) and hands it to the DbContext it saves with, so the row commits or rolls
/// back with the change it describes. Explicit on purpose: the row never travels on an async-local that a background
/// task (the intake writer) could inherit or miss.
/// </summary>
public sealed class AuditTrail
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, AuditScope> open = new();

    public AuditScope Open(object request, AuditEntry entry)
    {
        var scope = new AuditScope(entry);
        open.AddOrUpdate(request, scope);
        return scope;
    }

    public void Close(object request) => open.Remove(request);

    /// <summary>The audit row of <paramref name="request"/> while it is being handled; null outside the audit behaviour.</summary>
    public AuditScope? Of(object request) => open.TryGetValue(request, out var scope) ? scope : null;
}

/// <summary>One request's audit row on its way to the transaction of its change.</summary>
public sealed class AuditScope(AuditEntry entry)
{
    public AuditEntry Entry { get; } = entry;

    /// <summary>True once the row has been added to a SaveChanges (or committed by the intake writer).</summary>
    public bool Written { get; set; }

    /// <summary>While held, SaveChanges does not add the entry: the handler first saves what gives the object its id.</summary>
    public bool Held { get; private set; }

    public void Hold() => Held = true;

    /// <summary>Names the object the command created and lets the next SaveChanges of the same transaction add the entry.</summary>
    public void Describe(string objectType, string objectId)
    {
        Entry.ObjectType = objectType;
        Entry.ObjectId = objectId;
        Held = false;
    }
}
