using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Identity;

/// <summary>Why a change to an account was refused; the UI shows <c>Error.{code}</c>.</summary>
public static class UserErrors
{
    public const string NotFound = "user.not_found";
    public const string NameTaken = "user.name_taken";
    public const string CannotDisableSelf = "user.cannot_disable_self";
    public const string CannotDropOwnAdmin = "user.cannot_drop_own_admin";
    public const string LastAdmin = "user.last_admin";
    public const string AdminCannotSign = "user.admin_cannot_sign";
    public const string UnitUnknown = "user.unit_unknown";
    public const string WrongPassword = "user.wrong_password";
    public const string SamePassword = "user.same_password";
}

/// <summary>A password the policy refuses: the problem codes of <see cref="PasswordPolicy"/>.</summary>
public sealed class PasswordRefusedException(IReadOnlyList<string> codes)
    : Exception(string.Join(" ", codes.Select(PasswordPolicyValidator.Describe)))
{
    public IReadOnlyList<string> Codes { get; } = codes;
}

/// <summary>An account as the administrator sees it after a change, with the one-time password when one was set.</summary>
public sealed record AccountChange(string UserId, string UserName, string? OneTimePassword = null);

/// <summary>
/// Creating and changing accounts, for the admin pages and the command line alike. Each change is one transaction on
/// the request's context (so the audit entry of the command commits with it), and every change that narrows what a
/// user may do renews their security stamp: their sessions end at once (SECURITY.md A7).
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, RoleManager<IdentityRole> roles, OpinionDbContext db)
{
    /// <summary>Hands the audit row of the command being handled to the context the change commits on (none from the command line).</summary>
    public UserAdministration AuditedBy(AuditScope? audit)
    {
        db.Audit = audit;
        return this;
    }

    /// <summary>
    /// Separation of duties (SECURITY.md Z3): whoever administers accounts cannot also sign disposal plans, or they could
    /// grant themselves the right to approve their own work.
    /// </summary>
    public static readonly IReadOnlySet<Role> SigningRoles = new HashSet<Role> { Role.SectionChief, Role.UnitHead };

    public async Task<AccountChange> CreateAsync(
        string userName, string displayName, string? phone, IReadOnlyCollection<Role> userRoles, IReadOnlyCollection<int> unitIds,
        DateTime now, CancellationToken ct)
    {
        CheckSeparationOfDuties(userRoles);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await users.FindByNameAsync(userName.Trim()) is not null)
        {
            throw new DomainException(UserErrors.NameTaken, $"A user named {userName} exists already.");
        }

        var password = PasswordPolicy.GenerateOneTime();
        var user = new AppUser
        {
            UserName = userName.Trim(),
            DisplayName = displayName.Trim(),
            PhoneNumber = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
            MustChangePassword = true,
            PasswordChangedAt = now,
            Units = unitIds.Distinct().Select(id => new UserUnit { UnitId = id }).ToList(),
        };
        // Named before anything is saved: the entry is written by the first save of the transaction.
        Describe(user);
        await CheckUnitsAsync(unitIds, ct);
        await EnsureRolesAsync();
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, userRoles.Select(r => r.ToString()).Distinct()));
        await tx.CommitAsync(ct);
        return new AccountChange(user.Id, user.UserName, password);
    }

    public async Task<AccountChange> SetDisabledAsync(string userId, bool disabled, string? actingUserId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(userId);
        Describe(user);
        if (disabled && user.Id == actingUserId)
        {
            throw new DomainException(UserErrors.CannotDisableSelf, "A user cannot disable their own account.");
        }

        if (disabled && await IsLastActiveAdminAsync(user))
        {
            throw new DomainException(UserErrors.LastAdmin, $"{user.UserName} is the last active administrator.");
        }

        user.IsDisabled = disabled;
        // Saves the flag with the new stamp.
        Check(await users.UpdateSecurityStampAsync(user));
        await tx.CommitAsync(ct);
        return new AccountChange(user.Id, user.UserName!);
    }

    /// <summary>Sets the user's roles and units to exactly these.</summary>
    public async Task<AccountChange> ChangeAccessAsync(
        string userId, IReadOnlyCollection<Role> userRoles, IReadOnlyCollection<int> unitIds, string? actingUserId, CancellationToken ct)
    {
        CheckSeparationOfDuties(userRoles);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(userId);
        Describe(user);
        var wanted = userRoles.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var dropsAdmin = current.Contains(nameof(Role.Admin)) && !wanted.Contains(nameof(Role.Admin));
        if (dropsAdmin && user.Id == actingUserId)
        {
            throw new DomainException(UserErrors.CannotDropOwnAdmin, "An administrator cannot remove their own Admin role.");
        }

        if (dropsAdmin && await IsLastActiveAdminAsync(user))
        {
            throw new DomainException(UserErrors.LastAdmin, $"{user.UserName} is the last active administrator.");
        }

        await CheckUnitsAsync(unitIds, ct);
        await EnsureRolesAsync();
        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(current)));
        var memberships = await db.UserUnits.Where(uu => uu.UserId == user.Id).ToListAsync(ct);
        db.UserUnits.RemoveRange(memberships.Where(m => !unitIds.Contains(m.UnitId)));
        db.UserUnits.AddRange(unitIds.Distinct().Where(id => memberships.All(m => m.UnitId != id)).Select(id => new UserUnit { UserId = user.Id, UnitId = id }));
        await db.SaveChangesAsync(ct);
        Check(await users.UpdateSecurityStampAsync(user));
        await tx.CommitAsync(ct);
        return new AccountChange(user.Id, user.UserName!);
    }

    /// <summary>A new one-time password: the old one stops working, sessions end, and the user must choose their own at sign-in.</summary>
    public async Task<AccountChange> ResetPasswordAsync(string userId, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(userId);
        Describe(user);
        var password = PasswordPolicy.GenerateOneTime();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        user.MustChangePassword = true;
        user.PasswordChangedAt = now;
        Check(await users.ResetPasswordAsync(user, token, password));
        await tx.CommitAsync(ct);
        return new AccountChange(user.Id, user.UserName!, password);
    }

    public async Task<AccountChange> UnlockAsync(string userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(userId);
        Describe(user);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await tx.CommitAsync(ct);
        return new AccountChange(user.Id, user.UserName!);
    }

    /// <summary>
    /// For a user who lost their authenticator and their recovery codes: the key and the codes are dropped, two-factor
    /// sign-in is off, and their sessions end (a new stamp). A leader must enrol again before any page opens.
    /// </summary>
    public async Task<AccountChange> ResetTwoFactorAsync(string userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(userId);
        Describe(user);
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        Check(await users.UpdateSecurityStampAsync(user));
        await tx.CommitAsync(ct);
        return new AccountChange(user.Id, user.UserName!);
    }

    /// <summary>The user replaces their own password (knowing the current one); this ends the one-time state and restarts the age.</summary>
    public async Task ChangeOwnPasswordAsync(string userId, string currentPassword, string newPassword, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await FindAsync(userId);
        Describe(user);
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            // Counted like a failed sign-in, so an open session cannot be used to guess the password. The command's
            // audit entry is kept back: it is written as refused, not with this count.
            db.Audit?.Hold();
            await users.AccessFailedAsync(user);
            await tx.CommitAsync(ct);
            throw new DomainException(UserErrors.WrongPassword, "The current password is wrong.");
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            throw new DomainException(UserErrors.SamePassword, "The new password must differ from the current one.");
        }

        user.MustChangePassword = false;
        user.PasswordChangedAt = now;
        Check(await users.ChangePasswordAsync(user, currentPassword, newPassword));
        await tx.CommitAsync(ct);
    }

    public async Task<AppUser?> FindByNameAsync(string userName) => await users.FindByNameAsync(userName.Trim());

    private static void CheckSeparationOfDuties(IReadOnlyCollection<Role> userRoles)
    {
        if (userRoles.Contains(Role.Admin) && userRoles.Any(SigningRoles.Contains))
        {
            throw new DomainException(UserErrors.AdminCannotSign, "An administrator cannot also hold a role that signs plans.");
        }
    }

    /// <summary>Names the account in the audit entry of the command being handled (the command line has none).</summary>
    private void Describe(AppUser user) => db.Audit?.Describe("User", user.Id);

    private async Task<AppUser> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new DomainException(UserErrors.NotFound, $"User {userId} not found.");

    private async Task<bool> IsLastActiveAdminAsync(AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(nameof(Role.Admin));
        return admins.Any(a => a.Id == user.Id) && !admins.Any(a => a.Id != user.Id && !a.IsDisabled);
    }

    private async Task CheckUnitsAsync(IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var active = await db.Units.CountAsync(u => ids.Contains(u.Id) && u.DeactivatedAt == null, ct);
        if (active != ids.Count)
        {
            throw new DomainException(UserErrors.UnitUnknown, "A unit does not exist or is deactivated.");
        }
    }

    /// <summary>A fresh production database has no roles yet: the first administrator is created from the command line.</summary>
    private async Task EnsureRolesAsync()
    {
        foreach (var role in Enum.GetNames<Role>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var policy = result.Errors.Select(e => e.Code).Where(c => c.StartsWith("Password", StringComparison.Ordinal)).ToList();
        if (policy.Count > 0)
        {
            throw new PasswordRefusedException(policy);
        }

        throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}")));
    }
}
