using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Identity;

/// <summary>
/// Audits every sign-in, failure, lockout and sign-out (SECURITY.md U1) wherever the sign-in page calls Identity's usual
/// methods. An attempt on an account that does not exist records no user name at all: what was typed may be a password
/// typed into the wrong box (U5).
/// </summary>
public sealed class AuditingSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    IDbContextFactory<OpinionDbContext> dbFactory,
    TimeProvider clock)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const string SignIn = "SignIn";
    public const string SignInTwoFactor = "SignIn.TwoFactor";
    public const string SignInRecoveryCode = "SignIn.RecoveryCode";
    public const string SignOut = "SignOut";

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            await WriteAsync(SignIn, null, AuditOutcome.Refused, "unknown account");
            return SignInResult.Failed;
        }

        // The overload for a known user audits the outcome.
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> PasswordSignInAsync(AppUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        await WriteAsync(SignIn, user, result);
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        await WriteAsync(SignInTwoFactor, user, result);
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        await WriteAsync(SignInRecoveryCode, user, result);
        return result;
    }

    public override async Task SignOutAsync()
    {
        var user = Context.User.Identity?.IsAuthenticated == true ? await UserManager.GetUserAsync(Context.User) : null;
        await base.SignOutAsync();
        if (user is not null)
        {
            await WriteAsync(SignOut, user, AuditOutcome.Succeeded, null);
        }
    }

    private Task WriteAsync(string action, AppUser? user, SignInResult result) => result switch
    {
        { Succeeded: true } => WriteAsync(action, user, AuditOutcome.Succeeded, null),
        { RequiresTwoFactor: true } => WriteAsync(action, user, AuditOutcome.Succeeded, "requires two-factor"),
        { IsLockedOut: true } => WriteAsync(action, user, AuditOutcome.Refused, "locked out"),
        { IsNotAllowed: true } => WriteAsync(action, user, AuditOutcome.Refused, "not allowed"),
        _ => WriteAsync(action, user, AuditOutcome.Refused, "wrong password or code"),
    };

    private async Task WriteAsync(string action, AppUser? user, AuditOutcome outcome, string? detail)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var units = user is null
                ? null
                : string.Join(',', (await db.UserUnits.AsNoTracking().Where(u => u.UserId == user.Id).Select(u => u.UnitId).ToListAsync()).Order());
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow().UtcDateTime,
                UserId = user?.Id,
                UserName = user?.DisplayName,
                Units = units,
                Action = action,
                ObjectType = user is null ? null : "User",
                ObjectId = user?.Id,
                Outcome = outcome,
                Detail = detail,
                Ip = Context.Connection.RemoteIpAddress?.ToString(),
            });
            await db.SaveChangesAsync();
        }
        catch (Exception ex)
        {
            // The sign-in's own answer must not change because the audit write failed; the failure is logged.
            Logger.LogError(ex, "The audit row of {Action} could not be written", action);
        }
    }
}
