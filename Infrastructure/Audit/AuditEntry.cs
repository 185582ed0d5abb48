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
/// The audit entry of the command being handled on this async flow. The audit behaviour sets it; the DbContext adds it
/// to the first SaveChanges of the flow, so the entry commits or rolls back with the change it describes.
/// </summary>
public static class AmbientAudit
{
    private static readonly AsyncLocal<PendingAudit?> Current = new();

    public static PendingAudit? Pending => Current.Value;

    public static PendingAudit Begin(AuditEntry entry)
    {
        var pending = new PendingAudit(entry);
        Current.Value = pending;
        return pending;
    }

    public static void End() => Current.Value = null;
}

public sealed class PendingAudit(AuditEntry entry)
{
    public AuditEntry Entry { get; } = entry;

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
