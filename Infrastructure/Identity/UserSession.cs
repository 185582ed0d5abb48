using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpinionResponse.Infrastructure.Identity;

/// <summary>
/// A signed-in browser session, kept on the server so that it can be ended there: the sign-in cookie carries only
/// its id. Signing out, an idle or expired session, a disabled user and a changed security stamp all end it.
/// </summary>
public sealed class UserSession
{
    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    /// <summary>Last activity, written at most about once a minute (not on every request).</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>The absolute end, whatever the activity.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>The user's security stamp at sign-in: when the user's stamp moves on, this session is over.</summary>
    public string? SecurityStamp { get; set; }

    public string? Ip { get; set; }

    public string? UserAgent { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> s)
    {
        s.Property(x => x.Id).HasMaxLength(64);
        s.Property(x => x.SecurityStamp).HasMaxLength(100);
        s.Property(x => x.Ip).HasMaxLength(45);
        s.Property(x => x.UserAgent).HasMaxLength(300);
        s.Property(x => x.RevokedReason).HasMaxLength(40);
        s.HasIndex(x => new { x.UserId, x.RevokedAt });
        s.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
