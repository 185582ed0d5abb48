using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Queries;

[Collection(QueryDesk.Name)]
public class ListCasesTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private Task<ListCases.Result> ListAsync(ListCases.Query query, DemoAccount? viewer = null) =>
        desk.SendAsync(viewer ?? DemoAccounts.Chief, query);

    [Fact]
    public async Task Cases_are_filtered_by_state()
    {
        var tag = Desk.Tag();
        var collected = await desk.NewCase().Titled($"{tag} 甲").InAsync(CaseState.Collected);
        var assessing = await desk.NewCase().Titled($"{tag} 乙").InAsync(CaseState.Assessing);
        var dismissed = await desk.NewCase().Titled($"{tag} 丙").InAsync(CaseState.Dismissed);

        var inAssessment = await ListAsync(new ListCases.Query { Search = tag, State = CaseState.Assessing });
        var open = await ListAsync(new ListCases.Query { Search = tag, OpenOnly = true });

        Assert.Equal([assessing], inAssessment.Rows.Select(r => r.Id));
        Assert.Equal(1, inAssessment.Total);
        Assert.Equal(new[] { collected, assessing }.Order(), open.Rows.Select(r => r.Id).Order());
        Assert.DoesNotContain(open.Rows, r => r.Id == dismissed);
    }

    [Fact]
    public async Task Cases_are_filtered_by_risk_level()
    {
        var tag = Desk.Tag();
        var general = await desk.NewCase().Titled($"{tag} 一般").InAsync(CaseState.Reporting);
        var large = await desk.NewCase().Titled($"{tag} 较大").WithLevel(RiskLevel.Large).InAsync(CaseState.Reporting);
        await desk.NewCase().Titled($"{tag} 未研判").InAsync(CaseState.Collected);

        var largeOnly = await ListAsync(new ListCases.Query { Search = tag, Risk = RiskLevel.Large });
        var generalOnly = await ListAsync(new ListCases.Query { Search = tag, Risk = RiskLevel.General });

        Assert.Equal((large, (RiskLevel?)RiskLevel.Large), (Assert.Single(largeOnly.Rows).Id, largeOnly.Rows[0].Risk));
        Assert.Equal(general, Assert.Single(generalOnly.Rows).Id);
    }

    [Fact]
    public async Task Cases_are_filtered_by_responsible_unit()
    {
        var tag = Desk.Tag();
        await desk.NewCase().Titled($"{tag} 党政办").InAsync(CaseState.Collected);
        var construction = await desk.NewCase().Titled($"{tag} 城建办").InUnit(DemoAccounts.Construction).InAsync(CaseState.Collected);

        var result = await ListAsync(new ListCases.Query { Search = tag, UnitId = desk.Unit(DemoAccounts.Construction) });

        var row = Assert.Single(result.Rows);
        Assert.Equal((construction, desk.Unit(DemoAccounts.Construction), "城建办"), (row.Id, row.UnitId, row.UnitName));
    }

    [Fact]
    public async Task Cases_are_filtered_by_owner()
    {
        var tag = Desk.Tag();
        await desk.OpenCaseAsync(title: $"{tag} 值班员立案");
        var chiefs = await desk.OpenCaseAsync(title: $"{tag} 科长立案", by: DemoAccounts.Chief);

        var result = await ListAsync(new ListCases.Query { Search = tag, OwnerId = desk.Actor(DemoAccounts.Chief).UserId });

        var row = Assert.Single(result.Rows);
        Assert.Equal((chiefs, DemoAccounts.Chief.DisplayName, 1), (row.Id, row.OwnerName, row.ItemCount));
    }

    [Fact]
    public async Task Cases_are_sorted_by_number_either_way_and_paged()
    {
        var tag = Desk.Tag();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await desk.OpenCaseAsync(title: $"{tag} 第{i + 1}件"));
        }

        var ascending = await ListAsync(new ListCases.Query { Search = tag, Sort = ListCases.SortBy.Number, Descending = false });
        var descending = await ListAsync(new ListCases.Query { Search = tag, Sort = ListCases.SortBy.Number });
        var secondPage = await ListAsync(new ListCases.Query { Search = tag, Sort = ListCases.SortBy.Number, Descending = false, PageSize = 2, Page = 1 });

        Assert.Equal(ids, ascending.Rows.Select(r => r.Id));
        Assert.Equal(ascending.Rows.Select(r => r.Number).Order(StringComparer.Ordinal), ascending.Rows.Select(r => r.Number));
        Assert.Equal(ids.AsEnumerable().Reverse(), descending.Rows.Select(r => r.Id));
        Assert.Equal([ids[2]], secondPage.Rows.Select(r => r.Id));
        Assert.Equal(3, secondPage.Total);
    }

    [Fact]
    public async Task Cases_are_sorted_by_risk_with_the_highest_first()
    {
        var tag = Desk.Tag();
        var general = await desk.NewCase().Titled($"{tag} 一般").InAsync(CaseState.Reporting);
        var major = await desk.NewCase().Titled($"{tag} 重大").Major().InAsync(CaseState.Reporting);
        var large = await desk.NewCase().Titled($"{tag} 较大").WithLevel(RiskLevel.Large).InAsync(CaseState.Reporting);

        var result = await ListAsync(new ListCases.Query { Search = tag, Sort = ListCases.SortBy.Risk });

        Assert.Equal([major, large, general], result.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_latest_change_comes_first_by_default()
    {
        var tag = Desk.Tag();
        var older = await desk.OpenCaseAsync(title: $"{tag} 先立案");
        var newer = await desk.OpenCaseAsync(title: $"{tag} 后立案");
        await desk.SendAsync(DemoAccounts.Analyst, new StartAssessment.Command(older));

        var result = await ListAsync(new ListCases.Query { Search = tag });

        Assert.Equal([older, newer], result.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task An_admin_does_not_read_cases()
    {
        await Expect.ForbiddenAsync(() => ListAsync(new ListCases.Query(), DemoAccounts.Admin));
    }
}
