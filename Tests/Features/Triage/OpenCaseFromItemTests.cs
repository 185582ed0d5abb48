using System.Text.RegularExpressions;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

[Collection(TriageDesk.Name)]
public class OpenCaseFromItemTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Opening_a_case_puts_the_item_in_it_with_a_number_an_owner_and_units()
    {
        var itemId = await desk.LogItemAsync();

        var caseId = await desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = itemId,
            Title = " 滨江村自来水发黑 ",
            Summary = "多名村民反映",
            ResponsibleUnitId = desk.Unit(DemoAccounts.Construction),
            CoUnitIds = [desk.Unit(DemoAccounts.BinjiangVillage), desk.Unit(DemoAccounts.Construction)],
        });

        var @case = await desk.CaseAsync(caseId);
        Assert.Matches(new Regex($"^BAZ-{DateTime.UtcNow.Year}-\\d{{4}}$"), @case.Number);
        Assert.Equal("滨江村自来水发黑", @case.Title);
        Assert.Equal(CaseState.Collected, @case.State);
        Assert.Equal(desk.Unit(DemoAccounts.Construction), @case.ResponsibleUnitId);
        Assert.Equal([desk.Unit(DemoAccounts.BinjiangVillage)], @case.CoUnits.Select(u => u.UnitId));
        Assert.Equal(desk.Actor(DemoAccounts.Duty).UserId, @case.OwnerId);
        Assert.Equal(["Opened", "ItemAttached"], @case.Timeline.OrderBy(t => t.Id).Select(t => t.Action));
        var item = await desk.ItemAsync(itemId);
        Assert.Equal(TriageStatus.OpenedCase, item.Status);
        Assert.Equal(caseId, item.CaseId);
    }

    [Theory]
    [InlineData("zh-CN", "“协办单位”中有不存在的单位。")]
    [InlineData("en", "Co-handling units: a chosen unit does not exist.")]
    public async Task An_unknown_co_unit_is_a_field_error_in_the_users_language_and_no_case_is_opened(string language, string message)
    {
        var itemId = await desk.LogItemAsync();
        var before = await desk.CaseCountAsync();
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(language);
        try
        {
            var refused = await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
            {
                ItemId = itemId,
                Title = "标题",
                ResponsibleUnitId = desk.Unit(DemoAccounts.Construction),
                CoUnitIds = [desk.Unit(DemoAccounts.BinjiangVillage), 9999],
            }), "CoUnitIds");
            Assert.Equal(message, Assert.Single(refused.Errors).ErrorMessage);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }

        Assert.Equal(before, await desk.CaseCountAsync());
        Assert.Equal(TriageStatus.New, (await desk.ItemAsync(itemId)).Status);
    }

    [Fact]
    public async Task An_unknown_responsible_unit_is_refused_and_no_case_is_opened()
    {
        var itemId = await desk.LogItemAsync();
        var before = await desk.CaseCountAsync();

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = itemId,
            Title = "标题",
            ResponsibleUnitId = 9999,
        }), "ResponsibleUnitId");

        Assert.Equal(before, await desk.CaseCountAsync());
        Assert.Equal(TriageStatus.New, (await desk.ItemAsync(itemId)).Status);
    }

    [Fact]
    public async Task A_case_needs_a_title_and_a_responsible_unit()
    {
        var itemId = await desk.LogItemAsync();

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command { ItemId = itemId }),
            "Title", "ResponsibleUnitId");
    }

    [Fact]
    public async Task An_item_already_triaged_opens_no_second_case_and_uses_up_no_number()
    {
        var first = await desk.OpenCaseAsync();
        var itemId = Assert.Single(await desk.ItemsOfAsync(first)).Id;
        var before = await desk.CaseCountAsync();

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = itemId,
            Title = "重复立案",
            ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
        }), DomainErrors.ItemNotNew);

        Assert.Equal(before, await desk.CaseCountAsync());
        Assert.Equal(first, (await desk.ItemAsync(itemId)).CaseId);
        var next = await desk.CaseAsync(await desk.OpenCaseAsync());
        var previous = await desk.CaseAsync(first);
        Assert.Equal(NumberOf(previous.Number) + 1, NumberOf(next.Number));
    }

    [Fact]
    public async Task A_press_officer_cannot_open_a_case()
    {
        var itemId = await desk.LogItemAsync();

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new OpenCaseFromItem.Command
        {
            ItemId = itemId,
            Title = "标题",
            ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
        }));

        Assert.Equal(TriageStatus.New, (await desk.ItemAsync(itemId)).Status);
    }

    [Fact]
    public async Task An_unknown_item_is_not_found()
    {
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = 987654,
            Title = "标题",
            ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
        }));
    }

    /// <summary>SECURITY.md I3: officers opening a case from one item at once (or a double click) produce one case.</summary>
    [Fact]
    public async Task Concurrent_opens_of_one_item_open_one_case()
    {
        DemoAccount[] officers = [DemoAccounts.Duty, DemoAccounts.Chief, DemoAccounts.Analyst];
        var itemId = await desk.LogItemAsync();
        var before = await desk.CaseCountAsync();

        Task<int?>[] attempts;
        await using (await desk.HoldWritesAsync())
        {
            attempts = officers.Select(who => Task.Run(async () =>
            {
                try
                {
                    return (int?)await desk.SendAsync(who, new OpenCaseFromItem.Command
                    {
                        ItemId = itemId,
                        Title = "同一条信息",
                        ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
                    });
                }
                catch (Exception ex) when (ex is DomainException or ConcurrencyConflictException)
                {
                    return null;
                }
            })).ToArray();
        }

        var opened = (await Task.WhenAll(attempts)).OfType<int>().ToList();
        var winner = Assert.Single(opened);
        Assert.Equal(before + 1, await desk.CaseCountAsync());
        Assert.Equal(winner, (await desk.ItemAsync(itemId)).CaseId);
    }

    private static int NumberOf(string caseNumber) => int.Parse(caseNumber[^4..], System.Globalization.CultureInfo.InvariantCulture);
}
