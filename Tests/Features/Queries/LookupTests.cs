using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Lookups;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Units;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Queries;

[Collection(QueryDesk.Name)]
public class ListUnitsTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Every_role_lists_the_towns_units_with_the_town_office_first()
    {
        foreach (var account in DemoAccounts.All)
        {
            var units = await desk.SendAsync(account, new ListUnits.Query());

            Assert.Equal(
                [DemoAccounts.TownOffice, DemoAccounts.Comprehensive, DemoAccounts.Construction, DemoAccounts.SocialAffairs,
                    DemoAccounts.BinjiangVillage, DemoAccounts.PoliceStation, DemoAccounts.CyberspaceOffice],
                units.Select(u => u.Code));
            Assert.Equal((UnitKind.TownOffice, "党政办公室"), (units[0].Kind, units[0].Name));
        }
    }

    [Fact]
    public async Task A_user_without_a_role_cannot_list_units()
    {
        var nobody = Actor.Create("nobody", "无角色", [], [desk.Unit(DemoAccounts.TownOffice)]);

        await Expect.ForbiddenAsync(() => desk.SendAsync(nobody, new ListUnits.Query()));
    }
}

[Collection(QueryDesk.Name)]
public class ListColleaguesTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Colleagues_are_the_active_users_by_user_name()
    {
        await SetDisabledAsync(DemoAccounts.Admin, true);
        try
        {
            var colleagues = await desk.SendAsync(DemoAccounts.Duty, new ListColleagues.Query());

            var expected = DemoAccounts.All.Where(a => a != DemoAccounts.Admin).OrderBy(a => a.UserName, StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(a => a.DisplayName), colleagues.Select(c => c.DisplayName));
            Assert.Equal(expected.Select(a => desk.Actor(a).UserId), colleagues.Select(c => c.Id));
        }
        finally
        {
            await SetDisabledAsync(DemoAccounts.Admin, false);
        }
    }

    [Fact]
    public async Task A_user_without_a_role_cannot_list_colleagues()
    {
        var nobody = Actor.Create("nobody", "无角色", [], [desk.Unit(DemoAccounts.TownOffice)]);

        await Expect.ForbiddenAsync(() => desk.SendAsync(nobody, new ListColleagues.Query()));
    }

    private async Task SetDisabledAsync(DemoAccount account, bool disabled)
    {
        await using var db = await desk.App.CreateDbContextAsync();
        await db.Users.Where(u => u.UserName == account.UserName).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, disabled));
    }
}
