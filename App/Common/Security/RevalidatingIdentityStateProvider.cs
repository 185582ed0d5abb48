using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace OpinionResponse.App.Common.Security;

/// <summary>
/// A circuit keeps the identity it started with; this re-checks its server-side session every minute (SECURITY.md
/// A5), so that signing out elsewhere, idleness, the 8-hour limit, a disabled user or a changed security stamp end
/// the live page too: its authentication state becomes anonymous and the router sends it to the sign-in page. The
/// check never counts as activity: a circuit left open keeps no session alive (the input heartbeat does).
/// </summary>
public sealed class RevalidatingIdentityStateProvider(
    ILoggerFactory loggerFactory,
    SessionStore sessions,
    IOptions<SessionLimits> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        await sessions.CheckAsync(authenticationState.User, activity: false, cancellationToken) is null;
}
