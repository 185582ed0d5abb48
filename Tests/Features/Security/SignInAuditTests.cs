using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>
/// SECURITY.md U1/U5: the sign-in manager the app registers audits success, failure, lockout and sign-out with the
/// client's IP; an unknown account leaves no trace of what was typed.
/// </summary>
[Collection(SecurityDesk.Name)]
public class SignInAuditTests(DeskFixture fixture)
{
    private const string Password = "Audit-test-password-2026";

    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_registered_sign_in_manager_is_the_auditing_one()
    {
        await using var scope = desk.App.Services.CreateAsyncScope();
        Assert.IsType<AuditingSignInManager>(scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>());
    }

    [Fact]
    public async Task Success_failure_lockout_and_sign_out_each_leave_a_row_with_the_ip()
    {
        var user = await NewUserAsync();
        var last = await desk.LastAuditIdAsync();

        Assert.True((await SignInAsync(user.UserName!, Password)).Succeeded);
        await SignOutAsync(user);
        Assert.False((await SignInAsync(user.UserName!, "wrong-password-1")).Succeeded);
        for (var i = 0; i < 4; i++)
        {
            await SignInAsync(user.UserName!, "wrong-password-1");
        }

        Assert.True((await SignInAsync(user.UserName!, Password)).IsLockedOut);

        var rows = await desk.AuditSinceAsync(last);
        Assert.Equal(
            [
                ("SignIn", AuditOutcome.Succeeded, (string?)null), ("SignOut", AuditOutcome.Succeeded, null),
                ("SignIn", AuditOutcome.Refused, "wrong password or code"), ("SignIn", AuditOutcome.Refused, "wrong password or code"),
                ("SignIn", AuditOutcome.Refused, "wrong password or code"), ("SignIn", AuditOutcome.Refused, "wrong password or code"),
                ("SignIn", AuditOutcome.Refused, "locked out"), ("SignIn", AuditOutcome.Refused, "locked out"),
            ],
            rows.Select(a => (a.Action, a.Outcome, a.Detail)));
        Assert.All(rows, a => Assert.Equal((user.Id, user.DisplayName, "10.1.2.3"), (a.UserId!, a.UserName!, a.Ip!)));
    }

    [Fact]
    public async Task An_unknown_account_is_audited_without_what_was_typed()
    {
        var last = await desk.LastAuditIdAsync();
        const string typed = "Secret-password-typed-as-name\r\nforged";

        Assert.False((await SignInAsync(typed, "whatever")).Succeeded);

        var row = Assert.Single(await desk.AuditSinceAsync(last));
        Assert.Equal(("SignIn", AuditOutcome.Refused, (string?)null, (string?)null, "10.1.2.3"), (row.Action, row.Outcome, row.UserId, row.UserName, row.Ip));
        Assert.DoesNotContain("Secret", $"{row.Detail}{row.ObjectId}{row.Changes}", StringComparison.Ordinal);
    }

    private async Task<AppUser> NewUserAsync()
    {
        await using var scope = desk.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = $"audit{Guid.NewGuid():N}"[..16], DisplayName = "审计测试" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        return user;
    }

    private async Task<SignInResult> SignInAsync(string userName, string password)
    {
        await using var scope = Request(out var signIn);
        return await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
    }

    private async Task SignOutAsync(AppUser user)
    {
        await using var scope = Request(out var signIn);
        signIn.Context.User = await signIn.CreateUserPrincipalAsync(user);
        await signIn.SignOutAsync();
    }

    /// <summary>A request scope as the sign-in page has, from a client at 10.1.2.3.</summary>
    private AsyncServiceScope Request(out SignInManager<AppUser> signIn)
    {
        var scope = desk.App.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        signIn.Context = context;
        return scope;
    }
}
