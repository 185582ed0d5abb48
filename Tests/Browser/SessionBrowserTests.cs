using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// SECURITY.md A5/A7 inside a live circuit: a page that is already open loses its data to the sign-in page when its
/// session ends on the server (the fixture revalidates circuits every 3 s instead of every minute).
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class SessionBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_live_page_goes_to_sign_in_when_the_users_sessions_are_revoked()
    {
        var page = await fixture.SignInAsync(DemoAccounts.ConstructionOfficer);
        var user = await UserIdAsync(DemoAccounts.ConstructionOfficer);

        await fixture.App.Services.GetRequiredService<ISessionRevoker>().RevokeAllAsync(user, "user-disabled");

        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_live_page_left_without_input_ends_after_the_idle_timeout_and_input_keeps_it_alive()
    {
        var page = await fixture.SignInAsync(DemoAccounts.VillageOfficer);
        var user = await UserIdAsync(DemoAccounts.VillageOfficer);
        var fiveMinutesAgo = DateTime.UtcNow.AddMinutes(-5);
        await SetLastSeenAsync(user, fiveMinutesAgo);

        // A key press in the page is activity: its heartbeat moves the session's last activity on.
        await page.Keyboard.PressAsync("Shift");
        await Eventually.HoldsAsync(async () => (await LastSeenAsync(user)) > fiveMinutesAgo.AddMinutes(1));

        await SetLastSeenAsync(user, DateTime.UtcNow.AddMinutes(-16));

        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 20_000 });
        await page.Context.CloseAsync();
    }

    private async Task<string> UserIdAsync(DemoAccount account)
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        return await db.Users.Where(u => u.UserName == account.UserName).Select(u => u.Id).SingleAsync();
    }

    private async Task SetLastSeenAsync(string userId, DateTime at)
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, at));
    }

    private async Task<DateTime> LastSeenAsync(string userId)
    {
        await using var db = await fixture.App.CreateDbContextAsync();
        return await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null).MaxAsync(s => (DateTime?)s.LastSeenAt) ?? DateTime.MinValue;
    }
}
