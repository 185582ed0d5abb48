using Microsoft.AspNetCore.Identity;

namespace OpinionResponse.Infrastructure.Identity;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Created by the Development demo seed with a published password: refused outside Development.</summary>
    public bool IsDemoAccount { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>
    /// When the password was last set (UTC). A password older than the configured maximum age, or of unknown age (null:
    /// set before ages were kept), must be changed before the user may work (SECURITY.md A2).
    /// </summary>
    public DateTime? PasswordChangedAt { get; set; }

    /// <summary>The password was given by an administrator (a one-time password): the user must replace it first.</summary>
    public bool MustChangePassword { get; set; }
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
