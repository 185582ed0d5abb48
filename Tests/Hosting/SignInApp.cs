using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>The real app with real cookie sign-in (no fake user) on the demo organisation, for one test class.</summary>
public class SignInApp : IAsyncLifetime
{
    public SignInApp()
        : this(new TestApp { FakeSignIn = false })
    {
    }

    protected SignInApp(TestApp app) => App = app;

    public TestApp App { get; }

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    public AccountClient Client() => new(App);

    public async Task<AccountClient> SignedInAsync(DemoAccount account)
    {
        var client = Client();
        var response = await client.SignInAsync(account.UserName, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(client.AuthCookie);
        return client;
    }

    public async Task<AppUser> UserAsync(DemoAccount account)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Users.SingleAsync(u => u.UserName == account.UserName);
    }

    /// <summary>The user's newest open session (the one a test's client just signed in with).</summary>
    public async Task<UserSession> NewestSessionAsync(DemoAccount account)
    {
        var user = await UserAsync(account);
        await using var db = await App.CreateDbContextAsync();
        return await db.UserSessions.Where(s => s.UserId == user.Id && s.RevokedAt == null)
            .OrderByDescending(s => s.CreatedAt).FirstAsync();
    }

    public async Task<UserSession> SessionAsync(string id)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.UserSessions.SingleAsync(s => s.Id == id);
    }

    public async Task WithUserManagerAsync(Func<UserManager<AppUser>, Task> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    public static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
