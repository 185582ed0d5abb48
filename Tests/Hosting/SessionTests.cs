using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>SECURITY.md A5/A7 over real HTTP: the cookie names a server-side session, and ending it ends the cookie.</summary>
public sealed class SessionTests(SignInApp fixture) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task A_copied_cookie_stops_working_once_its_session_signed_out()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.Press);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/triage")).StatusCode);
        var session = await fixture.NewestSessionAsync(DemoAccounts.Press);
        using var thief = fixture.Client();
        thief.Cookies["__Host-or-auth"] = client.AuthCookie!;
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/triage")).StatusCode);

        SignInApp.AssertSentToSignIn(await client.SignOutAsync());

        SignInApp.AssertSentToSignIn(await thief.GetAsync("/triage"));
        var ended = await fixture.SessionAsync(session.Id);
        Assert.NotNull(ended.RevokedAt);
        Assert.Equal(SessionEnd.SignedOut, ended.RevokedReason);
    }

    [Fact]
    public async Task A_session_records_who_where_and_when_and_ends_eight_hours_after_sign_in()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.Duty);
        var session = await fixture.NewestSessionAsync(DemoAccounts.Duty);
        Assert.Equal(TimeSpan.FromHours(8), session.ExpiresAt - session.CreatedAt);
        Assert.Equal((await fixture.UserAsync(DemoAccounts.Duty)).SecurityStamp, session.SecurityStamp);

        // Active a moment ago, but past the absolute limit.
        await SetAsync(session.Id, s => s.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)).SetProperty(x => x.LastSeenAt, DateTime.UtcNow));

        SignInApp.AssertSentToSignIn(await client.GetAsync("/triage"));
        Assert.Equal(SessionEnd.Expired, (await fixture.SessionAsync(session.Id)).RevokedReason);
    }

    [Fact]
    public async Task A_session_without_activity_for_fifteen_minutes_ends()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.Analyst);
        var session = await fixture.NewestSessionAsync(DemoAccounts.Analyst);
        await SetAsync(session.Id, s => s.SetProperty(x => x.LastSeenAt, DateTime.UtcNow.AddMinutes(-14)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/triage")).StatusCode);

        await SetAsync(session.Id, s => s.SetProperty(x => x.LastSeenAt, DateTime.UtcNow.AddMinutes(-15).AddSeconds(-1)));

        SignInApp.AssertSentToSignIn(await client.GetAsync("/triage"));
        Assert.Equal(SessionEnd.Idle, (await fixture.SessionAsync(session.Id)).RevokedReason);
    }

    [Fact]
    public async Task Activity_is_written_at_most_once_a_minute_and_circuit_traffic_is_not_activity()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.Head);
        var session = await fixture.NewestSessionAsync(DemoAccounts.Head);
        await client.GetAsync("/triage");
        await client.GetAsync("/cases");
        Assert.Equal(session.LastSeenAt, (await fixture.SessionAsync(session.Id)).LastSeenAt);

        var twoMinutesAgo = DateTime.UtcNow.AddMinutes(-2);
        await SetAsync(session.Id, s => s.SetProperty(x => x.LastSeenAt, twoMinutesAgo));
        await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new Dictionary<string, string>());
        Assert.Equal(twoMinutesAgo, (await fixture.SessionAsync(session.Id)).LastSeenAt, TimeSpan.FromMilliseconds(1));

        var heartbeat = await client.PostAsync("/account/activity", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NoContent, heartbeat.StatusCode);
        Assert.True((await fixture.SessionAsync(session.Id)).LastSeenAt > DateTime.UtcNow.AddSeconds(-30));
    }

    [Fact]
    public async Task A_security_stamp_change_ends_every_session_of_the_user_at_once()
    {
        using var first = await fixture.SignedInAsync(DemoAccounts.ConstructionOfficer);
        using var second = await fixture.SignedInAsync(DemoAccounts.ConstructionOfficer);

        await fixture.WithUserManagerAsync(async users =>
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync(DemoAccounts.ConstructionOfficer.UserName))!));

        SignInApp.AssertSentToSignIn(await first.GetAsync("/triage"));
        SignInApp.AssertSentToSignIn(await second.GetAsync("/triage"));
        using var again = await fixture.SignedInAsync(DemoAccounts.ConstructionOfficer);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/triage")).StatusCode);
    }

    [Fact]
    public async Task User_administration_can_end_all_of_a_users_sessions()
    {
        using var first = await fixture.SignedInAsync(DemoAccounts.Supervisor);
        using var second = await fixture.SignedInAsync(DemoAccounts.Supervisor);
        var user = await fixture.UserAsync(DemoAccounts.Supervisor);

        await fixture.App.Services.GetRequiredService<ISessionRevoker>().RevokeAllAsync(user.Id, "roles-changed");

        SignInApp.AssertSentToSignIn(await first.GetAsync("/triage"));
        SignInApp.AssertSentToSignIn(await second.GetAsync("/cases"));
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        using var client = await fixture.SignedInAsync(DemoAccounts.VillageOfficer);

        var forged = await client.PostAsync("/account/logout", new Dictionary<string, string>(), origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/triage")).StatusCode);
    }

    private async Task SetAsync(string id, Action<UpdateSettersBuilder<UserSession>> set)
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(set);
    }
}
