using System.Net;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>The app at the production limit of ten sign-in attempts a minute per address (TestApp raises it for other tests).</summary>
public sealed class RateLimitedSignInApp : SignInApp
{
    public RateLimitedSignInApp() => App.Settings["Security:SignInAttemptsPerMinute"] = "10";
}

/// <summary>SECURITY.md A3: password spraying from one address meets a per-address limit on sign-in attempts.</summary>
public sealed class SignInRateLimitTests(RateLimitedSignInApp fixture) : IClassFixture<RateLimitedSignInApp>
{
    [Fact]
    public async Task Thirty_attempts_in_a_minute_from_one_address_are_refused_after_the_tenth_in_the_users_language()
    {
        using var client = fixture.Client();
        var token = AccountClient.Token(await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync());
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            responses.Add(await client.PostAsync("/account/login", new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = $"sprayed-{i}", ["Input.Password"] = "Spring-2026-password",
            }));
        }

        Assert.All(responses.Take(10), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses.Skip(10), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        var refused = responses[^1];
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("登录尝试过于频繁", await refused.HtmlAsync(), StringComparison.Ordinal);
        // Showing the form is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);

        await using var db = await fixture.App.CreateDbContextAsync();
        var audited = await db.AuditEntries.Where(a => a.Action == "SignInRateLimited").ToListAsync();
        Assert.Equal(20, audited.Count);
        Assert.All(audited, a => Assert.Null(a.UserName));
    }
}
