using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Account;
using OpinionResponse.App.Features.Cases.Plan;
using OpinionResponse.App.Features.Units;
using OpinionResponse.App.Features.Users;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Units;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

[CollectionDefinition(Name)]
public sealed class UserAdministrationDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "User administration desk";
}

/// <summary>SECURITY.md A1/A2/A7/Z3 through the mediator on a real SQLite file: accounts, their rights and their passwords.</summary>
[Collection(UserAdministrationDesk.Name)]
public class UserAdministrationTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private Task<T> AsAdmin<T>(Mediator.ICommand<T> command) => desk.SendAsync(DemoAccounts.Admin, command);

    /// <summary>An Admin who is not the demo admin (so that the demo admin is the one whose account is at stake).</summary>
    private Actor OtherAdmin() => Actor.Create("probe-admin", "探针管理员", [Role.Admin], [desk.Unit(DemoAccounts.TownOffice)]);

    private async Task<AccountChange> CreateAsync(string? userName = null, Role role = Role.Analyst, string unit = DemoAccounts.Construction) =>
        await AsAdmin(new CreateUser.Command
        {
            UserName = userName ?? $"u{Desk.Tag().ToLowerInvariant()}",
            DisplayName = "钱进",
            Phone = "0571-1234567",
            Roles = [role],
            UnitIds = [desk.Unit(unit)],
        });

    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> read)
    {
        await using var scope = desk.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private Task<AppUser> UserAsync(string id) => WithUsersAsync(async users => (await users.FindByIdAsync(id))!);

    private Task<string> StampAsync(string id) => WithUsersAsync(async users => (await users.GetSecurityStampAsync((await users.FindByIdAsync(id))!))!);

    [Fact]
    public async Task An_admin_creates_a_user_with_a_one_time_password_that_must_be_changed()
    {
        var created = await CreateAsync();

        var user = await UserAsync(created.UserId);
        Assert.Equal("钱进", user.DisplayName);
        Assert.True(user.MustChangePassword);
        Assert.Empty(PasswordPolicy.Problems(created.OneTimePassword, created.UserName));
        Assert.True(await WithUsersAsync(users => users.CheckPasswordAsync(user, created.OneTimePassword!)));
        Assert.Equal([nameof(Role.Analyst)], await WithUsersAsync(users => users.GetRolesAsync(user)));
        await using var db = await desk.App.CreateDbContextAsync();
        Assert.Equal([desk.Unit(DemoAccounts.Construction)], await db.UserUnits.Where(u => u.UserId == user.Id).Select(u => u.UnitId).ToListAsync());
        var row = (await AsAdminQuery()).Single(r => r.Id == user.Id);
        Assert.True(row.MustChangePassword);
    }

    private Task<IReadOnlyList<ListUsers.Row>> AsAdminQuery() => desk.SendAsync(DemoAccounts.Admin, new ListUsers.Query());

    [Fact]
    public async Task The_audit_names_the_account_and_never_holds_a_password()
    {
        var before = await desk.LastAuditIdAsync();
        var created = await CreateAsync();
        var reset = await AsAdmin(new ResetUserPassword.Command(created.UserId));

        var audit = await desk.AuditSinceAsync(before);
        Assert.Equal(["CreateUser.Command", "ResetUserPassword.Command"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(("User", created.UserId), (a.ObjectType, a.ObjectId)));
        Assert.DoesNotContain(audit, a => a.Detail!.Contains(created.OneTimePassword!, StringComparison.Ordinal)
                                          || a.Detail.Contains(reset.OneTimePassword!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duplicate_user_name_is_refused()
    {
        var created = await CreateAsync();

        await Expect.RefusedAsync(() => CreateAsync(created.UserName.ToUpperInvariant()), UserErrors.NameTaken);
    }

    [Fact]
    public async Task Bad_input_names_the_field()
    {
        await Expect.InvalidAsync(() => AsAdmin(new CreateUser.Command { UserName = "张 三", DisplayName = "", Roles = [] }),
            nameof(CreateUser.Command.UserName), nameof(CreateUser.Command.DisplayName), nameof(CreateUser.Command.Roles));
    }

    [Fact]
    public async Task Disabling_a_user_renews_their_stamp_and_enabling_brings_them_back()
    {
        var created = await CreateAsync();
        var stamp = await StampAsync(created.UserId);

        await AsAdmin(new SetUserDisabled.Command(created.UserId, true));

        Assert.True((await UserAsync(created.UserId)).IsDisabled);
        Assert.NotEqual(stamp, await StampAsync(created.UserId));
        await AsAdmin(new SetUserDisabled.Command(created.UserId, false));
        Assert.False((await UserAsync(created.UserId)).IsDisabled);
    }

    [Fact]
    public async Task Changing_roles_and_units_sets_exactly_them_and_renews_the_stamp()
    {
        var created = await CreateAsync();
        var stamp = await StampAsync(created.UserId);

        await AsAdmin(new ChangeUserAccess.Command
        {
            UserId = created.UserId,
            Roles = [Role.DutyOfficer, Role.PressOfficer],
            UnitIds = [desk.Unit(DemoAccounts.TownOffice), desk.Unit(DemoAccounts.BinjiangVillage)],
        });

        var row = (await AsAdminQuery()).Single(r => r.Id == created.UserId);
        Assert.Equal([Role.DutyOfficer, Role.PressOfficer], row.Roles);
        Assert.Equal([desk.Unit(DemoAccounts.TownOffice), desk.Unit(DemoAccounts.BinjiangVillage)], row.Units.Select(u => u.Id).Order());
        Assert.NotEqual(stamp, await StampAsync(created.UserId));
    }

    [Fact]
    public async Task A_reset_gives_a_new_one_time_password_and_the_old_one_stops_working()
    {
        var created = await CreateAsync();
        await desk.App.SendAsync(await ActorOfAsync(created), new ChangeOwnPassword.Command
        {
            CurrentPassword = created.OneTimePassword!, NewPassword = "Binjiang-water-7", RepeatPassword = "Binjiang-water-7",
        });
        Assert.False((await UserAsync(created.UserId)).MustChangePassword);
        var stamp = await StampAsync(created.UserId);

        var reset = await AsAdmin(new ResetUserPassword.Command(created.UserId));

        var user = await UserAsync(created.UserId);
        Assert.True(user.MustChangePassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.False(await WithUsersAsync(users => users.CheckPasswordAsync(user, "Binjiang-water-7")));
        Assert.True(await WithUsersAsync(users => users.CheckPasswordAsync(user, reset.OneTimePassword!)));
    }

    [Fact]
    public async Task A_locked_out_user_is_unlocked()
    {
        var created = await CreateAsync();
        await WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(created.UserId))!, DateTimeOffset.UtcNow.AddMinutes(15)));
        Assert.NotNull((await AsAdminQuery()).Single(r => r.Id == created.UserId).LockedUntil);

        await AsAdmin(new UnlockUser.Command(created.UserId));

        Assert.Null((await AsAdminQuery()).Single(r => r.Id == created.UserId).LockedUntil);
    }

    [Fact]
    public async Task Resetting_two_factor_drops_the_authenticator_and_recovery_codes_and_ends_the_sessions()
    {
        var created = await CreateAsync(role: Role.SectionChief);
        var keyBefore = await WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(created.UserId))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            return await users.GetAuthenticatorKeyAsync(user);
        });
        var stamp = await StampAsync(created.UserId);

        await AsAdmin(new ResetUserTwoFactor.Command(created.UserId));

        await WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(created.UserId))!;
            Assert.False(await users.GetTwoFactorEnabledAsync(user));
            Assert.NotEqual(keyBefore, await users.GetAuthenticatorKeyAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
            return true;
        });
        Assert.NotEqual(stamp, await StampAsync(created.UserId));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Chief, new ResetUserTwoFactor.Command(created.UserId)));
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves()
    {
        var admin = desk.Actor(DemoAccounts.Admin);

        await Expect.RefusedAsync(() => AsAdmin(new SetUserDisabled.Command(admin.UserId, true)), UserErrors.CannotDisableSelf);
        Assert.False((await UserAsync(admin.UserId)).IsDisabled);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var admin = desk.Actor(DemoAccounts.Admin);

        await Expect.RefusedAsync(() => AsAdmin(new ChangeUserAccess.Command { UserId = admin.UserId, Roles = [Role.Analyst], UnitIds = [] }),
            UserErrors.CannotDropOwnAdmin);
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_disabled_nor_demoted_but_a_second_one_can()
    {
        var admin = desk.Actor(DemoAccounts.Admin);
        var other = OtherAdmin();

        await Expect.RefusedAsync(() => desk.App.SendAsync(other, new SetUserDisabled.Command(admin.UserId, true)), UserErrors.LastAdmin);
        await Expect.RefusedAsync(() => desk.App.SendAsync(other, new ChangeUserAccess.Command { UserId = admin.UserId, Roles = [Role.Supervisor], UnitIds = [] }),
            UserErrors.LastAdmin);

        var second = await CreateAsync(role: Role.Admin);
        await desk.App.SendAsync(other, new SetUserDisabled.Command(second.UserId, true));
        await Expect.RefusedAsync(() => desk.App.SendAsync(other, new SetUserDisabled.Command(admin.UserId, true)), UserErrors.LastAdmin);
        Assert.False((await UserAsync(admin.UserId)).IsDisabled);
    }

    [Fact]
    public async Task An_admin_cannot_hold_a_role_that_signs_plans()
    {
        var admin = desk.Actor(DemoAccounts.Admin);

        await Expect.RefusedAsync(() => AsAdmin(new ChangeUserAccess.Command { UserId = admin.UserId, Roles = [Role.Admin, Role.SectionChief], UnitIds = [] }),
            UserErrors.AdminCannotSign);
        await Expect.RefusedAsync(() => AsAdmin(new CreateUser.Command { UserName = "boss", DisplayName = "老板", Roles = [Role.Admin, Role.UnitHead] }),
            UserErrors.AdminCannotSign);
        Assert.Equal([nameof(Role.Admin)], await WithUsersAsync(async users => await users.GetRolesAsync((await users.FindByIdAsync(admin.UserId))!)));
    }

    [Fact]
    public async Task An_admin_cannot_sign_a_plan()
    {
        var caseId = await desk.NewCase().InAsync(CaseState.PlanApproval);

        await Expect.ForbiddenAsync(() => AsAdmin(new SignPlan.Command { CaseId = caseId, Comment = "同意" }));
        Assert.Equal(CaseState.PlanApproval, (await desk.CaseAsync(caseId)).State);
    }

    [Fact]
    public async Task A_deactivated_unit_takes_no_new_members_and_a_unit_with_members_stays_active()
    {
        var unitId = await AsAdmin(new CreateUnit.Command { Code = $"T{Desk.Tag()[..8]}", Name = "临时指挥部", Kind = UnitKind.Department });
        await AsAdmin(new RenameUnit.Command { UnitId = unitId, Name = "防汛临时指挥部" });
        await AsAdmin(new SetUnitActive.Command(unitId, false));

        var units = await desk.SendAsync(DemoAccounts.Admin, new ListUnitsToManage.Query());
        Assert.Equal(("防汛临时指挥部", false), units.Where(u => u.Id == unitId).Select(u => (u.Name, u.IsActive)).Single());
        await Expect.RefusedAsync(() => AsAdmin(new CreateUser.Command { UserName = $"u{Desk.Tag()}", DisplayName = "孙立", Roles = [Role.Analyst], UnitIds = [unitId] }),
            UserErrors.UnitUnknown);
        await Expect.RefusedAsync(() => AsAdmin(new SetUnitActive.Command(desk.Unit(DemoAccounts.Construction), false)), UnitErrors.HasMembers);
        await Expect.RefusedAsync(() => AsAdmin(new SetUnitActive.Command(desk.Unit(DemoAccounts.TownOffice), false)), UnitErrors.OpinionOffice);
    }

    [Fact]
    public async Task Other_roles_are_refused_every_user_and_unit_request()
    {
        foreach (var account in DemoAccounts.All.Where(a => a.Role != Role.Admin))
        {
            await Expect.ForbiddenAsync(() => desk.SendAsync(account, new ListUsers.Query()));
            await Expect.ForbiddenAsync(() => desk.SendAsync(account, new ListUnitsToManage.Query()));
            await Expect.ForbiddenAsync(() => desk.SendAsync(account, new ResetUserPassword.Command(desk.Actor(DemoAccounts.Admin).UserId)));
        }
    }

    [Fact]
    public async Task Changing_ones_own_password_needs_the_current_one_and_a_new_one_the_policy_accepts()
    {
        var created = await CreateAsync();
        var actor = await ActorOfAsync(created);
        Task Change(string current, string next, string? repeat = null) => desk.App.SendAsync(actor, new ChangeOwnPassword.Command
        {
            CurrentPassword = current, NewPassword = next, RepeatPassword = repeat ?? next,
        });

        await Expect.InvalidAsync(() => Change("wrong-password-1A", "Binjiang-water-7"), nameof(ChangeOwnPassword.Command.CurrentPassword));
        await Expect.InvalidAsync(() => Change(created.OneTimePassword!, "Admin@123456"), nameof(ChangeOwnPassword.Command.NewPassword));
        await Expect.InvalidAsync(() => Change(created.OneTimePassword!, $"{created.UserName}-X-1"), nameof(ChangeOwnPassword.Command.NewPassword));
        await Expect.InvalidAsync(() => Change(created.OneTimePassword!, "Binjiang-water-7", "Binjiang-water-8"), nameof(ChangeOwnPassword.Command.RepeatPassword));
        await Expect.InvalidAsync(() => Change(created.OneTimePassword!, created.OneTimePassword!), nameof(ChangeOwnPassword.Command.NewPassword));
        Assert.True((await UserAsync(created.UserId)).MustChangePassword);

        var before = await desk.LastAuditIdAsync();
        await Change(created.OneTimePassword!, "Binjiang-water-7");

        Assert.DoesNotContain(await desk.AuditSinceAsync(before), a => a.Detail?.Contains("Binjiang-water-7", StringComparison.Ordinal) == true);

        var user = await UserAsync(created.UserId);
        Assert.False(user.MustChangePassword);
        Assert.True(await WithUsersAsync(users => users.CheckPasswordAsync(user, "Binjiang-water-7")));
        Assert.Equal(1, user.AccessFailedCount);
    }

    private async Task<Actor> ActorOfAsync(AccountChange account)
    {
        await using var db = await desk.App.CreateDbContextAsync();
        var units = await db.UserUnits.Where(u => u.UserId == account.UserId).Select(u => u.UnitId).ToListAsync();
        return Actor.Create(account.UserId, account.UserName, [Role.Analyst], units);
    }
}
