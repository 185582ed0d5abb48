using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Seed;
using OtpNet;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>The app as in production: leaders must sign in with a second factor.</summary>
public sealed class TwoFactorApp : SignInApp
{
    public TwoFactorApp() => App.Settings["Security:RequireTwoFactorForLeaders"] = "true";
}

/// <summary>SECURITY.md A4 over real HTTP: enrolment, the second sign-in step, recovery codes, no replay.</summary>
public sealed partial class TwoFactorTests(TwoFactorApp fixture) : IClassFixture<TwoFactorApp>
{
    [Fact]
    public async Task A_leader_without_an_authenticator_can_open_nothing_but_enrolment()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.Chief);

        foreach (var page in new[] { "/triage", "/cases", "/board" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/two-factor", response.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new Dictionary<string, string>())).StatusCode);
        var enrol = await (await client.GetAsync("/account/two-factor")).HtmlAsync();
        Assert.Contains("src=\"data:image/png;base64,", enrol, StringComparison.Ordinal);
        Assert.Matches(KeyPattern(), enrol);
    }

    [Fact]
    public async Task A_user_who_needs_no_second_factor_is_not_sent_to_enrolment()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.Analyst);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/triage")).StatusCode);
    }

    [Fact]
    public async Task Enrolling_with_a_code_turns_two_factor_on_and_shows_ten_recovery_codes_once_stored_hashed()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.Head);
        var key = KeyPattern().Match(await (await client.GetAsync("/account/two-factor")).HtmlAsync()).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);

        var wrong = await client.SubmitAsync("/account/two-factor", "enrol-2fa", new Dictionary<string, string> { ["Input.Code"] = "000000" });
        Assert.Contains("动态口令或恢复码错误", await wrong.HtmlAsync(), StringComparison.Ordinal);
        Assert.False((await fixture.UserAsync(DemoAccounts.Head)).TwoFactorEnabled);

        var done = await client.SubmitAsync("/account/two-factor", "enrol-2fa", new Dictionary<string, string> { ["Input.Code"] = CodeNow(key) });

        var codes = RecoveryCodePattern().Matches(await done.HtmlAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True((await fixture.UserAsync(DemoAccounts.Head)).TwoFactorEnabled);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/triage")).StatusCode);
        Assert.Empty(RecoveryCodePattern().Matches(await (await client.GetAsync("/account/two-factor")).HtmlAsync()));
        await using var db = await fixture.App.CreateDbContextAsync();
        var stored = string.Join(";", await db.UserTokens.Select(t => t.Value).ToListAsync());
        Assert.All(codes, code => Assert.DoesNotContain(code, stored, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_in_takes_a_code_after_the_password_and_the_same_code_never_works_twice()
    {
        var key = await EnrolDirectlyAsync(DemoAccounts.Admin, []);
        using var client = fixture.Client();
        var password = await client.SignInAsync(DemoAccounts.Admin.UserName, DemoAccounts.Password);
        Assert.Equal("/account/login-2fa", password.Headers.Location!.AbsolutePath);
        Assert.Null(client.AuthCookie);
        var code = CodeNow(key);

        var second = await client.SubmitAsync("/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Input.Code"] = code });

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.NotNull(client.AuthCookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/triage")).StatusCode);

        using var replay = fixture.Client();
        await replay.SignInAsync(DemoAccounts.Admin.UserName, DemoAccounts.Password);
        var replayed = await replay.SubmitAsync("/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Input.Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Null(replay.AuthCookie);
        Assert.Contains("动态口令或恢复码错误", await replayed.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        await EnrolDirectlyAsync(DemoAccounts.Supervisor, ["ABCD-EFGH-JKLM-NPQR", "STUV-WXYZ-2345-6789"]);
        async Task<AccountClient> WithRecoveryCodeAsync(string recoveryCode)
        {
            var client = fixture.Client();
            await client.SignInAsync(DemoAccounts.Supervisor.UserName, DemoAccounts.Password);
            await client.SubmitAsync("/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Input.RecoveryCode"] = recoveryCode });
            return client;
        }

        using var first = await WithRecoveryCodeAsync("abcd efgh jklm npqr");
        using var again = await WithRecoveryCodeAsync("ABCD-EFGH-JKLM-NPQR");

        Assert.NotNull(first.AuthCookie);
        Assert.Null(again.AuthCookie);
    }

    [Fact]
    public async Task A_code_is_accepted_one_time_step_either_side_and_each_step_once()
    {
        var key = await EnrolDirectlyAsync(DemoAccounts.ConstructionChief, []);
        var now = new DateTime(2026, 12, 4, 13, 0, 10, DateTimeKind.Utc);
        var provider = new TotpTokenProvider(new FixedTime(now));
        var totp = new Totp(Base32Encoding.ToBytes(key));
        async Task<bool> AcceptsAsync(DateTime at) => await WithUserAsync(DemoAccounts.ConstructionChief,
            (users, user) => provider.ValidateAsync("TwoFactor", totp.ComputeTotp(at), users, user));

        Assert.False(await AcceptsAsync(now.AddSeconds(-60)));
        Assert.False(await AcceptsAsync(now.AddSeconds(60)));
        Assert.True(await AcceptsAsync(now.AddSeconds(-30)));
        Assert.False(await AcceptsAsync(now.AddSeconds(-30)));
        Assert.True(await AcceptsAsync(now));
        Assert.False(await AcceptsAsync(now.AddSeconds(-30)));
        Assert.True(await AcceptsAsync(now.AddSeconds(30)));
        Assert.False(await AcceptsAsync(now));
    }

    private static string CodeNow(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    /// <summary>An authenticator set up behind the pages' back, so that a test starts from the second step.</summary>
    private async Task<string> EnrolDirectlyAsync(DemoAccount account, IReadOnlyList<string> recoveryCodes)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(account.UserName))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        var store = (IUserTwoFactorRecoveryCodeStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
        await store.ReplaceCodesAsync(user, recoveryCodes, CancellationToken.None);
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private async Task<T> WithUserAsync<T>(DemoAccount account, Func<UserManager<AppUser>, AppUser, Task<T>> work)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await work(users, (await users.FindByNameAsync(account.UserName))!);
    }

    [GeneratedRegex("data-testid=\"totp-key\">([A-Z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code></li>")]
    private static partial Regex RecoveryCodePattern();

    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }
}
