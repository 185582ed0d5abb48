using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace OpinionResponse.App.Common.Security;

/// <summary>
/// SECURITY.md V2: live circuits held per user. Each circuit keeps its components, its render tree and a connection in
/// server memory; one account opening hundreds of tabs (or a script opening circuits) would exhaust the server for
/// everyone, so a user holds at most <see cref="SecurityOptions.MaxCircuitsPerUser"/>.
/// </summary>
public sealed class CircuitCounter
{
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    public int Count(string userId) => open.TryGetValue(userId, out var n) ? n : 0;

    /// <summary>Counts one more circuit for the user, unless they already hold <paramref name="max"/>.</summary>
    public bool TryOpen(string userId, int max)
    {
        while (true)
        {
            var current = Count(userId);
            if (current >= max)
            {
                return false;
            }

            if (current == 0 ? open.TryAdd(userId, 1) : open.TryUpdate(userId, current + 1, current))
            {
                return true;
            }
        }
    }

    public void Close(string userId)
    {
        while (open.TryGetValue(userId, out var current))
        {
            if (current <= 1 ? open.TryRemove(new KeyValuePair<string, int>(userId, current)) : open.TryUpdate(userId, current - 1, current))
            {
                return;
            }
        }
    }

    public static string? UserOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}

/// <summary>
/// Counts the circuit of a signed-in user while it lives. The page (App.razor) already shows the limit's message instead
/// of starting a circuit when the user is at the limit; this is the enforcement for a circuit started anyway (a race of
/// tabs opened at once, or a forged client): that circuit is refused before any component renders.
/// </summary>
public sealed class CircuitLimitHandler(
    CircuitCounter counter, AuthenticationStateProvider authentication, IOptions<SecurityOptions> options, ILogger<CircuitLimitHandler> logger)
    : CircuitHandler
{
    private string? countedFor;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = CircuitCounter.UserOf((await authentication.GetAuthenticationStateAsync()).User);
        if (user is null)
        {
            return;
        }

        if (!counter.TryOpen(user, Math.Max(1, options.Value.MaxCircuitsPerUser)))
        {
            logger.LogWarning("Refused a live circuit: user {UserId} already holds {Max}", user, options.Value.MaxCircuitsPerUser);
            throw new CircuitLimitException();
        }

        countedFor = user;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (countedFor is { } user)
        {
            counter.Close(user);
            countedFor = null;
        }

        return Task.CompletedTask;
    }
}

public sealed class CircuitLimitException() : InvalidOperationException("The user already holds the most live circuits allowed.");
