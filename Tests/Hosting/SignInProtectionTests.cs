using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>SECURITY.md A3 and A7 at the sign-in form, over real HTTP.</summary>
public sealed class SignInProtectionTests(SignInApp fixture) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        await SetDisabledAsync(DemoAccounts.ConstructionChief);
        using var client = fixture.Client();

        var response = await client.SignInAsync(DemoAccounts.ConstructionChief.UserName, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(client.AuthCookie);
        Assert.Contains("用户名或密码错误", await response.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_disabled_while_signed_in_gets_no_data_on_the_next_first_page()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.Admin);
        var before = await client.GetAsync("/triage");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("孙磊", await before.HtmlAsync(), StringComparison.Ordinal);

        // Only the flag: no security stamp change, as a careless administration page might leave it.
        await SetDisabledAsync(DemoAccounts.Admin);

        var after = await client.GetAsync("/triage");
        SignInApp.AssertSentToSignIn(after);
        Assert.DoesNotContain("孙磊", await after.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var client = fixture.Client();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(DemoAccounts.Press.UserName, "Wrong-password-2026");
        }

        var response = await client.SignInAsync(DemoAccounts.Press.UserName, DemoAccounts.Password);

        Assert.Null(client.AuthCookie);
        Assert.Contains("锁定", await response.HtmlAsync(), StringComparison.Ordinal);
        var user = await fixture.UserAsync(DemoAccounts.Press);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task Unknown_user_names_are_answered_as_slowly_as_real_ones()
    {
        using var client = fixture.Client();
        var token = AccountClient.Token(await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync());
        async Task<double> TimeAsync(string userName)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.PostAsync("/account/login", new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName, ["Input.Password"] = "Wrong-password-2026",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        await TimeAsync("warm-up-nobody");
        await TimeAsync(DemoAccounts.Duty.UserName);
        var known = new List<double>();
        var unknown = new List<double>();
        // One wrong password per real account, interleaved with made-up names: nobody gets near the lockout.
        foreach (var account in DemoAccounts.All)
        {
            known.Add(await TimeAsync(account.UserName));
            unknown.Add(await TimeAsync($"nobody-{Guid.NewGuid():N}"[..16]));
        }

        var ratio = Median(unknown) / Median(known);
        Assert.True(ratio > 0.5, $"Unknown names answered in {Median(unknown):0} ms, real ones in {Median(known):0} ms (ratio {ratio:0.00}).");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    private async Task SetDisabledAsync(DemoAccount account)
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        await db.Users.Where(u => u.UserName == account.UserName).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
    }
}
