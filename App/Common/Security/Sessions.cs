using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Common.Security;

/// <summary>Session limits (SECURITY.md A5), section <c>Security:Sessions</c>.</summary>
public sealed class SessionLimits
{
    public const string Section = "Security:Sessions";

    /// <summary>Without user activity for this long a session ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends this long after sign-in, whatever the activity.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Activity is written at most this often, so that requests do not each write the database.</summary>
    public TimeSpan TouchEvery { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a live circuit checks its session.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Ends sessions on the server: for user administration (disable, roles, password reset).</summary>
public interface ISessionRevoker
{
    /// <summary>Ends every open session of the user at once; their cookies and circuits stop working.</summary>
    Task RevokeAllAsync(string userId, string reason, CancellationToken cancellationToken = default);
}

/// <summary>Why a session is no longer valid, or null while it is.</summary>
public static class SessionEnd
{
    public const string SignedOut = "signed-out";
    public const string Idle = "idle";
    public const string Expired = "expired";
    public const string Disabled = "user-disabled";
    public const string StampChanged = "security-stamp-changed";
    public const string Replaced = "replaced";
}

/// <summary>
/// The server side of sign-in sessions. The cookie holds the session id (claim <see cref="ClaimType"/>); every
/// request and every circuit revalidation asks <see cref="CheckAsync"/> whether it is still open.
/// </summary>
public sealed class SessionStore(IDbContextFactory<OpinionDbContext> dbFactory, TimeProvider time, IOptions<SessionLimits> options)
    : ISessionRevoker
{
    public const string ClaimType = "or:sid";

    private SessionLimits Limits => options.Value;

    public async Task<string> StartAsync(string userId, string? securityStamp, string? ip, string? userAgent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + Limits.AbsoluteTimeout,
            SecurityStamp = securityStamp,
            Ip = ip,
            UserAgent = userAgent is { Length: > 300 } ? userAgent[..300] : userAgent,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>
    /// Null while the principal's session is open; otherwise why it ended (and it is then ended on the server too).
    /// <paramref name="activity"/>: this request is the user's own doing and counts as activity.
    /// </summary>
    public async Task<string?> CheckAsync(ClaimsPrincipal principal, bool activity, CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(ClaimType) is not { } id)
        {
            return SessionEnd.SignedOut;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.UserSessions.Where(s => s.Id == id)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Session = s, u.IsDisabled, u.SecurityStamp })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return SessionEnd.SignedOut;
        }

        var session = found.Session;
        if (session.RevokedAt is not null)
        {
            return session.RevokedReason ?? SessionEnd.SignedOut;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (found.SecurityStamp != session.SecurityStamp)
        {
            // Every session from before the change ends, not only this one; one signed in since stays.
            await RevokeWhereAsync(db, s => s.UserId == session.UserId && s.SecurityStamp != found.SecurityStamp, SessionEnd.StampChanged, now, cancellationToken);
            return SessionEnd.StampChanged;
        }

        var ended = found.IsDisabled ? SessionEnd.Disabled
            : now >= session.ExpiresAt ? SessionEnd.Expired
            : now - session.LastSeenAt >= Limits.IdleTimeout ? SessionEnd.Idle
            : null;
        if (ended is not null)
        {
            await RevokeWhereAsync(db, s => s.Id == id, ended, now, cancellationToken);
            return ended;
        }

        if (activity && now - session.LastSeenAt >= Limits.TouchEvery)
        {
            await db.UserSessions.Where(s => s.Id == id && s.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return null;
    }

    public async Task RevokeAsync(ClaimsPrincipal principal, string reason, CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(ClaimType) is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await RevokeWhereAsync(db, s => s.Id == id, reason, time.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    public async Task RevokeAllAsync(string userId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RevokeWhereAsync(db, s => s.UserId == userId, reason, time.GetUtcNow().UtcDateTime, cancellationToken);
    }

    private static Task<int> RevokeWhereAsync(OpinionDbContext db, System.Linq.Expressions.Expression<Func<UserSession, bool>> which,
        string reason, DateTime now, CancellationToken cancellationToken) =>
        db.UserSessions.Where(which).Where(s => s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), cancellationToken);
}
