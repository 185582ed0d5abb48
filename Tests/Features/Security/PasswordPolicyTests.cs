using OpinionResponse.Infrastructure.Identity;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>SECURITY.md A2: the one password rule, case by case.</summary>
public class PasswordPolicyTests
{
    public static TheoryData<string, string?, string[]> Cases => new()
    {
        // Long enough, three or four classes, not common, not the user name.
        { "Binjiang-water-7", "cjb.officer", [] },
        { "binjiang water 77", "cjb.officer", [] },
        { "BINJIANG-WATER-7", null, [] },
        { "北岸镇舆情Reply2026", null, [] },
        { "Aa1-" + new string('x', 60), null, [] },
        // Length: 11 is too short, 12 is enough, 64 is the most, 65 too many.
        { "Short-pw-1a", null, [PasswordPolicy.Codes.TooShort] },
        { "Twelve-ch-1a", null, [] },
        { "Aa1-" + new string('x', 61), null, [PasswordPolicy.Codes.TooLong] },
        // Two classes only.
        { "binjiangwater77", null, [PasswordPolicy.Codes.TooFewClasses] },
        { "binjiang-water-", null, [PasswordPolicy.Codes.TooFewClasses] },
        { "BINJIANGWATER77", null, [PasswordPolicy.Codes.TooFewClasses] },
        { "123456789012", null, [PasswordPolicy.Codes.TooFewClasses, PasswordPolicy.Codes.Common] },
        // Common passwords that pass length and classes, in any letter case.
        { "Admin@123456", null, [PasswordPolicy.Codes.Common] },
        { "Qwertyuiop@123", null, [PasswordPolicy.Codes.Common] },
        { "QWERTYUIOP@123", null, [PasswordPolicy.Codes.Common] },
        { "P@ssw0rd2026!", null, [PasswordPolicy.Codes.Common] },
        { "Woaini1314520", null, [PasswordPolicy.Codes.Common] },
        { "Zhangwei@123456", null, [PasswordPolicy.Codes.Common] },
        // The user name inside, in any case.
        { "Cjb.Officer-2026", "cjb.officer", [PasswordPolicy.Codes.ContainsUserName] },
        // Several problems at once are all named.
        { "woaini1314", "woaini", [PasswordPolicy.Codes.TooShort, PasswordPolicy.Codes.TooFewClasses, PasswordPolicy.Codes.Common, PasswordPolicy.Codes.ContainsUserName] },
        { "", null, [PasswordPolicy.Codes.TooShort, PasswordPolicy.Codes.TooFewClasses] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_policy_names_exactly_the_problems_of(string password, string? userName, string[] expected)
    {
        Assert.Equal(expected.Order(), PasswordPolicy.Problems(password, userName).Order());
    }

    [Fact]
    public void The_common_password_list_holds_thousands_including_the_pinyin_favourites()
    {
        Assert.True(PasswordPolicy.BlocklistCount >= 3000, $"{PasswordPolicy.BlocklistCount} common passwords");
        Assert.All(new[] { "woaini1314", "qwertyuiop", "Admin@123456", "5201314", "1qaz2wsx" },
            p => Assert.Contains(PasswordPolicy.Codes.Common, PasswordPolicy.Problems(p, null)));
    }

    [Fact]
    public void One_time_passwords_meet_the_policy_and_differ_every_time()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => PasswordPolicy.GenerateOneTime()).ToList();

        Assert.All(passwords, p => Assert.Empty(PasswordPolicy.Problems(p, "someone")));
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }

    [Fact]
    public void A_password_expires_after_the_configured_age_and_a_one_time_password_at_once()
    {
        var now = new DateTime(2026, 12, 4, 6, 0, 0, DateTimeKind.Utc);
        var options = new PasswordAgeOptions { MaxAgeDays = 90 };

        Assert.False(options.MustChange(new AppUser { PasswordChangedAt = now.AddDays(-89) }, now));
        Assert.True(options.MustChange(new AppUser { PasswordChangedAt = now.AddDays(-90) }, now));
        Assert.True(options.MustChange(new AppUser { PasswordChangedAt = now, MustChangePassword = true }, now));
        Assert.True(options.MustChange(new AppUser { PasswordChangedAt = null }, now));
        Assert.False(new PasswordAgeOptions { MaxAgeDays = 180 }.MustChange(new AppUser { PasswordChangedAt = now.AddDays(-100) }, now));
    }
}
