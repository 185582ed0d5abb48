using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

/// <summary>Case numbers BAZ-{year}-0001, 0002…: on a database of their own, so the count starts at one.</summary>
public class CaseNumberTests(DeskFixture fixture) : IClassFixture<DeskFixture>
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Cases_are_numbered_in_the_order_they_are_opened()
    {
        var first = await desk.CaseAsync(await desk.OpenCaseAsync());
        var second = await desk.CaseAsync(await desk.OpenCaseAsync());

        Assert.Equal(Sequence(first.Number) + 1, Sequence(second.Number));
        await AssertNumberedOneToNAsync();
    }

    [Fact]
    public async Task Concurrent_opens_never_share_a_number()
    {
        var items = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            items.Add(await desk.LogItemAsync());
        }

        var cases = await Task.WhenAll(items.Select(itemId => Task.Run(() => desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = itemId,
            Title = "同时立案",
            ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
        }))));

        Assert.Equal(10, cases.Distinct().Count());
        await AssertNumberedOneToNAsync();
    }

    /// <summary>Every case of this database, in number order, is BAZ-{year}-0001 … BAZ-{year}-{N:0000}: no gap, no duplicate.</summary>
    private async Task AssertNumberedOneToNAsync()
    {
        await using var db = await desk.App.CreateDbContextAsync();
        var numbers = await db.Cases.Select(c => c.Number).ToListAsync();
        var year = DateTime.UtcNow.Year;
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => $"BAZ-{year}-{n:0000}"), numbers.Order(StringComparer.Ordinal));
    }

    private static int Sequence(string number) => int.Parse(number[^4..], System.Globalization.CultureInfo.InvariantCulture);
}
