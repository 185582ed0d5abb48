namespace OpinionResponse.Domain.Intake;

/// <summary>A system allowed to post items (a crawler, the 12345 hotline system, a monitoring vendor).</summary>
public sealed class ApiClient
{
    private ApiClient()
    {
        Name = KeyHash = KeyPrefix = CreatedBy = string.Empty;
    }

    public ApiClient(string name, string keyHash, string keyPrefix, string createdBy, DateTime createdAt)
    {
        Name = name;
        KeyHash = keyHash;
        KeyPrefix = keyPrefix;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>SHA-256 of the key, hex: the key itself is shown once and never stored.</summary>
    public string KeyHash { get; private set; }

    /// <summary>The key's first characters, to tell keys apart in lists.</summary>
    public string KeyPrefix { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    /// <summary>Attach this client's near-duplicates of open cases automatically (DESIGN §2.4).</summary>
    public bool AutoAttach { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public long ItemsTaken { get; set; }

    public bool IsActive => RevokedAt is null;

    public void Revoke(string by, DateTime at)
    {
        if (RevokedAt is null)
        {
            RevokedAt = at;
            RevokedBy = by;
        }
    }
}
