using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Common.Security;

/// <summary>The signed-in user of this circuit or request, as the domain sees them.</summary>
public interface ICurrentUser
{
    /// <summary>The actor, or null when nobody is signed in.</summary>
    Task<Actor?> FindActorAsync();

    /// <summary>The remote address of the connection, for the audit log.</summary>
    string? IpAddress { get; }
}

public static class AppClaims
{
    public const string DisplayName = "or:name";
    public const string Unit = "or:unit";
    public const string SpansAllUnits = "or:all-units";

    public static Actor? ToActor(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : (Role?)null)
            .OfType<Role>();
        var units = principal.FindAll(Unit).Select(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture));
        return Actor.Create(id, principal.FindFirstValue(DisplayName) ?? principal.Identity.Name ?? id, roles, units,
            principal.HasClaim(SpansAllUnits, "true"));
    }
}

/// <summary>Reads the user from the authentication state: the request's in SSR and the circuit's in interactive mode.</summary>
public sealed class ClaimsCurrentUser(AuthenticationStateProvider authenticationState, IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    public string? IpAddress { get; } = httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public async Task<Actor?> FindActorAsync()
    {
        if (BackgroundActor.Current is { } background)
        {
            return background;
        }

        var state = await authenticationState.GetAuthenticationStateAsync();
        return AppClaims.ToActor(state.User);
    }
}
