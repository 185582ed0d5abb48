using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Units;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Queries;

/// <summary>
/// A demo desk made before a unit joined the demo gets that unit at the next start; a town's own organisation is never
/// touched by the demo.
/// </summary>
public class DemoOrganisationTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_demo_desk_that_lacks_the_cyberspace_office_gets_it_at_the_next_start()
    {
        await using (var db = await app.CreateDbContextAsync())
        {
            await db.Units.Where(u => u.Code == DemoAccounts.CyberspaceOffice).ExecuteDeleteAsync();
        }

        await DemoSeed.SeedOrganisationAsync(app.Services, CancellationToken.None);
        await DemoSeed.SeedOrganisationAsync(app.Services, CancellationToken.None);

        await using var check = await app.CreateDbContextAsync();
        var office = await check.Units.SingleAsync(u => u.Code == DemoAccounts.CyberspaceOffice);
        Assert.Equal(UnitKind.External, office.Kind);
        Assert.Equal(7, await check.Units.CountAsync());
    }

    [Fact]
    public async Task A_town_that_is_not_the_demo_gets_no_demo_unit()
    {
        await using (var db = await app.CreateDbContextAsync())
        {
            await db.Units.Where(u => u.Code == DemoAccounts.CyberspaceOffice).ExecuteDeleteAsync();
            await db.Units.Where(u => u.Code == DemoAccounts.TownOffice).ExecuteUpdateAsync(u => u.SetProperty(x => x.Code, "TOWN"));
        }

        await DemoSeed.SeedOrganisationAsync(app.Services, CancellationToken.None);

        await using var check = await app.CreateDbContextAsync();
        Assert.Equal(["BJC", "CJB", "PCS", "SHSWB", "TOWN", "ZZB"], (await check.Units.Select(u => u.Code).ToListAsync()).Order(StringComparer.Ordinal));
    }
}
