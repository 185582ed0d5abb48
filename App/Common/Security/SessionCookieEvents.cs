using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Security;

/// <summary>Who must sign in with a second factor (SECURITY.md A4), section <c>Security</c>.</summary>
public sealed class TwoFactorOptions
{
    /// <summary>Roles that may do nothing but enrol an authenticator until they have one.</summary>
    public static readonly IReadOnlySet<string> LeaderRoles = new HashSet<string>
    {
        nameof(Role.Admin), nameof(Role.SectionChief), nameof(Role.UnitHead),
        // Supervisors read every unit's cases: as much to lose as a leader's account.
        nameof(Role.Supervisor),
    };

    /// <summary>True unless configured otherwise; the Development demo turns it off (Startup).</summary>
    public bool RequireTwoFactorForLeaders { get; set; } = true;
}

/// <summary>
/// Ties the sign-in cookie to a server-side session (<see cref="SessionStore"/>): signing in opens one and puts its
/// id in the cookie, every request checks it, signing out ends it. Replaces Identity's security-stamp validator,
/// whose work <see cref="SessionStore.CheckAsync"/> does on every request rather than every 30 minutes.
/// </summary>
public sealed class SessionCookieEvents(
    SessionStore sessions,
    IDbContextFactory<OpinionDbContext> dbFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<TwoFactorOptions> twoFactor,
    ILogger<SessionCookieEvents> logger) : CookieAuthenticationEvents
{
    /// <summary>Present while the user must enrol an authenticator before anything else.</summary>
    public const string MustEnrolClaim = "or:must-enrol-2fa";

    public override async Task SigningIn(CookieSigningInContext context)
    {
        var principal = context.Principal!;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var http = context.HttpContext;

        // A refreshed sign-in (after enrolling, say) replaces the session it was made from.
        await sessions.RevokeAsync(http.User, SessionEnd.Replaced, http.RequestAborted);
        var id = await sessions.StartAsync(userId, principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType),
            http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionStore.ClaimType, id));

        if (twoFactor.Value.RequireTwoFactorForLeaders
            && principal.FindAll(ClaimTypes.Role).Any(r => TwoFactorOptions.LeaderRoles.Contains(r.Value)))
        {
            await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
            if (!await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync(http.RequestAborted))
            {
                identity.AddClaim(new Claim(MustEnrolClaim, "true"));
            }
        }
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        await sessions.RevokeAsync(context.HttpContext.User, SessionEnd.SignedOut, CancellationToken.None);
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        // A circuit's own traffic is not the user's doing: only page loads and the input heartbeat count as activity.
        var activity = !context.HttpContext.Request.Path.StartsWithSegments("/_blazor");
        var ended = await sessions.CheckAsync(context.Principal!, activity, context.HttpContext.RequestAborted);
        if (ended is null)
        {
            return;
        }

        logger.LogInformation("Session of user {UserId} ended: {Reason}", context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier), ended);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
