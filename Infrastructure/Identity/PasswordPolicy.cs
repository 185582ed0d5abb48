using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OpinionResponse.Infrastructure.Identity;

/// <summary>
/// The one password rule (SECURITY.md A2), used wherever a password is set: an administrator's create and reset, a
/// user's own change, the command line. 12–64 characters from at least three of lower case, upper case, digits and
/// other characters; not a common password; not containing the user name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 64;
    public const int MinClasses = 3;

    /// <summary>The problem codes, also the keys (<c>Password.{code}</c>) of the messages shown to users.</summary>
    public static class Codes
    {
        public const string TooShort = "PasswordTooShort";
        public const string TooLong = "PasswordTooLong";
        public const string TooFewClasses = "PasswordTooFewClasses";
        public const string Common = "PasswordCommon";
        public const string ContainsUserName = "PasswordContainsUserName";
    }

    private static readonly Lazy<FrozenSet<string>> Blocklist = new(LoadBlocklist);

    public static int BlocklistCount => Blocklist.Value.Count;

    /// <summary>What is wrong with <paramref name="password"/>; empty when it may be used.</summary>
    public static IReadOnlyList<string> Problems(string? password, string? userName)
    {
        password ??= string.Empty;
        var problems = new List<string>();
        if (password.Length < MinLength)
        {
            problems.Add(Codes.TooShort);
        }
        else if (password.Length > MaxLength)
        {
            problems.Add(Codes.TooLong);
        }

        if (Classes(password) < MinClasses)
        {
            problems.Add(Codes.TooFewClasses);
        }

        if (Blocklist.Value.Contains(password.ToLowerInvariant()))
        {
            problems.Add(Codes.Common);
        }

        if (userName is { Length: >= 3 } && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(Codes.ContainsUserName);
        }

        return problems;
    }

    /// <summary>
    /// A one-time password an administrator hands over: 16 characters with all four classes, without the look-alikes
    /// (0/O, 1/l/I) that make a password read over the phone fail.
    /// </summary>
    public static string GenerateOneTime()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "-_.@#%+=";
        const string all = lower + upper + digits + symbols;
        while (true)
        {
            var chars = new char[16];
            chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
            chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
            chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
            chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
            for (var i = 4; i < chars.Length; i++)
            {
                chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
            }

            RandomNumberGenerator.Shuffle(chars.AsSpan());
            var password = new string(chars);
            if (Problems(password, userName: null).Count == 0)
            {
                return password;
            }
        }
    }

    private static int Classes(string password)
    {
        bool lower = false, upper = false, digit = false, other = false;
        foreach (var ch in password)
        {
            switch (ch)
            {
                case >= 'a' and <= 'z':
                    lower = true;
                    break;
                case >= 'A' and <= 'Z':
                    upper = true;
                    break;
                case >= '0' and <= '9':
                    digit = true;
                    break;
                default:
                    other = true;
                    break;
            }
        }

        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static FrozenSet<string> LoadBlocklist()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("OpinionResponse.Infrastructure.Identity.common-passwords.txt")
                           ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("# ", StringComparison.Ordinal))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>The policy as Identity's only password validator, so every UserManager path that sets a password applies it.</summary>
public sealed class PasswordPolicyValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var problems = PasswordPolicy.Problems(password, user.UserName);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(code => new IdentityError { Code = code, Description = Describe(code) }).ToArray()));
    }

    /// <summary>English, for logs and the command line; pages show the localized <c>Password.{code}</c> text.</summary>
    public static string Describe(string code) => code switch
    {
        PasswordPolicy.Codes.TooShort => $"The password must have at least {PasswordPolicy.MinLength} characters.",
        PasswordPolicy.Codes.TooLong => $"The password may have at most {PasswordPolicy.MaxLength} characters.",
        PasswordPolicy.Codes.TooFewClasses => "The password must mix at least three of: lower case, upper case, digits, other characters.",
        PasswordPolicy.Codes.Common => "The password is too common.",
        PasswordPolicy.Codes.ContainsUserName => "The password must not contain the user name.",
        _ => code,
    };
}

/// <summary>How long a password lasts (MLPS asks for periodic change; see docs/security-passwords.md).</summary>
public sealed class PasswordAgeOptions
{
    public const string Section = "Passwords";

    public int MaxAgeDays { get; set; } = 90;

    /// <summary>True when <paramref name="user"/> must set a new password before working.</summary>
    public bool MustChange(AppUser user, DateTime utcNow) =>
        user.MustChangePassword || user.PasswordChangedAt is not { } changed || changed.AddDays(MaxAgeDays) <= utcNow;
}
