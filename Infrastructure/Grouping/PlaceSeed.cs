using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>北岸镇's gazetteer for Development: the places of the demo items and cases, and their neighbours.</summary>
public static class PlaceSeed
{
    /// <summary>(name, kind, aliases, responsible unit code).</summary>
    public static readonly IReadOnlyList<(string Name, PlaceKind Kind, string[] Aliases, string? Unit)> Places =
    [
        ("滨江村", PlaceKind.Village, ["滨江村委会"], DemoAccounts.BinjiangVillage),
        ("滨江村沿江组", PlaceKind.Village, ["沿江组"], DemoAccounts.BinjiangVillage),
        ("石桥村", PlaceKind.Village, [], null),
        ("东湖村", PlaceKind.Village, [], null),
        ("新港村", PlaceKind.Village, ["新港"], null),
        ("柳塘村", PlaceKind.Village, [], null),
        ("王家湾村", PlaceKind.Village, ["王家湾"], null),
        ("滨江小区", PlaceKind.Estate, ["滨江新村"], DemoAccounts.BinjiangVillage),
        ("滨江花园", PlaceKind.Estate, ["滨江花园小区"], null),
        ("锦绣家园", PlaceKind.Estate, ["锦绣家园小区"], null),
        ("阳光花园", PlaceKind.Estate, ["阳光花园小区"], null),
        ("金色港湾", PlaceKind.Estate, ["金色港湾小区"], null),
        ("翠湖小区", PlaceKind.Estate, ["翠湖苑"], null),
        ("北岸新苑", PlaceKind.Estate, [], null),
        ("幸福路", PlaceKind.Road, [], DemoAccounts.Construction),
        ("建设路", PlaceKind.Road, [], DemoAccounts.Construction),
        ("沿江路", PlaceKind.Road, [], DemoAccounts.Construction),
        ("滨江路", PlaceKind.Road, [], DemoAccounts.Construction),
        ("人民路", PlaceKind.Road, [], DemoAccounts.Construction),
        ("江堤路", PlaceKind.Road, ["江堤"], DemoAccounts.BinjiangVillage),
        ("北岸大道", PlaceKind.Road, [], DemoAccounts.Construction),
        ("工业大道", PlaceKind.Road, [], DemoAccounts.Construction),
        ("北岸中学", PlaceKind.School, ["北岸一中", "镇中学"], DemoAccounts.SocialAffairs),
        ("北岸镇中心小学", PlaceKind.School, ["中心小学", "镇中心小学", "北岸中心小学"], DemoAccounts.SocialAffairs),
        ("北岸实验小学", PlaceKind.School, ["实验小学"], DemoAccounts.SocialAffairs),
        ("滨江幼儿园", PlaceKind.School, [], DemoAccounts.SocialAffairs),
        ("北岸农贸市场", PlaceKind.Market, ["农贸市场", "北岸菜市场", "菜市场", "菜场"], DemoAccounts.Comprehensive),
        ("东街集市", PlaceKind.Market, ["东街"], DemoAccounts.Comprehensive),
        ("北岸镇卫生院", PlaceKind.Hospital, ["镇卫生院", "卫生院", "北岸卫生院"], DemoAccounts.SocialAffairs),
        ("北岸大桥", PlaceKind.Landmark, [], DemoAccounts.Construction),
        ("老街", PlaceKind.Landmark, ["北岸老街", "老街片区"], DemoAccounts.Construction),
        ("滨江渡口", PlaceKind.Landmark, ["渡口"], DemoAccounts.BinjiangVillage),
        ("南河", PlaceKind.Landmark, ["滨江村南河"], DemoAccounts.BinjiangVillage),
        ("北岸工业园", PlaceKind.Landmark, ["工业园", "工业园区"], DemoAccounts.Comprehensive),
        ("北岸文化广场", PlaceKind.Landmark, ["文化广场"], DemoAccounts.Comprehensive),
        ("北岸汽车站", PlaceKind.Landmark, ["汽车站", "客运站"], DemoAccounts.Comprehensive),
        ("江滨公园", PlaceKind.Landmark, [], DemoAccounts.Construction),
        ("幸福路垃圾中转站", PlaceKind.Other, ["垃圾中转站"], DemoAccounts.Construction),
        ("北岸污水处理厂", PlaceKind.Other, ["污水处理厂"], DemoAccounts.Construction),
        ("北岸供电所", PlaceKind.Other, ["供电所"], null),
    ];

    /// <summary>Adds the places when the gazetteer is empty (the demo units must exist for their unit links).</summary>
    public static async Task SeedAsync(IDbContextFactory<OpinionDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Places.AnyAsync(ct))
        {
            return;
        }

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        db.Places.AddRange(Places.Select(p => new Place(p.Name, p.Kind, p.Aliases,
            p.Unit is { } code && units.TryGetValue(code, out var id) ? id : null)));
        await db.SaveChangesAsync(ct);
    }
}
