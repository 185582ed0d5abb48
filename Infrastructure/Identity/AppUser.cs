using Microsoft.AspNetCore.Identity;

namespace OpinionResponse.Infrastructure.Identity;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Created by the Development demo seed with a published password: refused outside Development.</summary>
    public bool IsDemoAccount { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>The time step of the last two-factor code accepted: a code of that step or earlier is refused (no replay).</summary>
    public long? LastTotpTimeStep { get; set; }

    public List<UserUnit> Units { get; set; } = [];
}

/// <summary>A user's membership of a unit; a user may belong to several.</summary>
public sealed class UserUnit
{
    public string UserId { get; set; } = string.Empty;

    public int UnitId { get; set; }
}
