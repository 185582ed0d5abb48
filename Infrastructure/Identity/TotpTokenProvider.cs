using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace OpinionResponse.Infrastructure.Identity;

/// <summary>
/// The authenticator-app provider (SECURITY.md A4). Identity's own allows two time steps either side and accepts a
/// code again and again within them; this one allows one step either side and accepts each step once: the step of
/// the last code accepted is stored on the user, and a code of that step or an earlier one is refused.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "OpinionTotp";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The code comes from the user's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))
            || step <= (user.LastTotpTimeStep ?? long.MinValue))
        {
            return false;
        }

        // The concurrency stamp makes two sign-ins racing with one code a single success.
        user.LastTotpTimeStep = step;
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}
