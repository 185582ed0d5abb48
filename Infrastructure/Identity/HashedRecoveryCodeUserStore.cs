using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Identity;

/// <summary>
/// Identity keeps two-factor recovery codes as plain text; this store keeps only their SHA-256 hashes (the codes are
/// 80 random bits, so a fast hash is enough), so a copy of the database does not hand out second factors.
/// </summary>
public sealed class HashedRecoveryCodeUserStore(OpinionDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, OpinionDbContext>(context, describer)
{
    // Where UserStoreBase keeps the codes, so that its CountCodesAsync still counts them.
    private const string Provider = "[AspNetUserStore]";
    private const string TokenName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, TokenName, string.Join(';', recoveryCodes.Select(Hash)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var hashed = Hash(code);
        var stored = (await GetTokenAsync(user, Provider, TokenName, cancellationToken) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (!stored.Contains(hashed))
        {
            return false;
        }

        await SetTokenAsync(user, Provider, TokenName, string.Join(';', stored.Where(c => c != hashed)), cancellationToken);
        return true;
    }

    /// <summary>Case, spaces and dashes as the user types them do not matter.</summary>
    public static string Hash(string code)
    {
        var normal = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normal)));
    }
}

public static class RecoveryCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Codes of 16 characters from a 32-letter alphabet (80 bits), written in groups of four.</summary>
    public static IReadOnlyList<string> Create(int count) =>
        Enumerable.Range(0, count)
            .Select(_ => string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4))))
            .ToList();
}

/// <summary>A disabled user's sign-in is refused before the password is even checked (Identity's "not allowed").</summary>
public sealed class EnabledUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.IsDisabled);
}
