using Microsoft.AspNetCore.Identity;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Components.Layout;
using OpinionResponse.Infrastructure.Identity;

namespace OpinionResponse.App.Features.Account;

public static class AfterSignIn
{
    /// <summary>
    /// Where a sign-in continues: the page asked for when it is a local path (I5), else the page of the user's work
    /// (<see cref="DeskPages.LandingFor(IEnumerable{string})"/>): a role that may not triage never lands on the queue.
    /// </summary>
    public static string Target(string? returnUrl, IEnumerable<string> roles) =>
        LocalUrl.IsLocal(returnUrl) && !returnUrl!.StartsWith("/account/", StringComparison.OrdinalIgnoreCase) ? returnUrl : DeskPages.LandingFor(roles);
}

/// <summary>
/// Identity refuses an unknown user name (and a disabled account) without hashing the password: quickly enough
/// to tell real accounts from made-up ones by the clock (A3). Hashing a throwaway password costs the same time.
/// </summary>
public sealed class UnknownUserTiming(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new() { UserName = "nobody" };

    private static string? dummyHash;

    public void VerifyDummyPassword(string password) =>
        hasher.VerifyHashedPassword(Nobody, dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")), password);
}
