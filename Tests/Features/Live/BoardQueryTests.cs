using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Board;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Live;

/// <summary>
/// The board through the real mediator on a real SQLite file of its own. Expectations come from the stored cases and
/// the domain's own visibility rule (<see cref="Case.IsVisibleTo"/>), never from the query under test.
/// </summary>
public class BoardQueryTests(DeskFixture fixture) : IClassFixture<DeskFixture>
{
    private static readonly CaseState[] OpenStates =
    [
        CaseState.Collected, CaseState.Assessing, CaseState.Reporting, CaseState.PlanDrafting, CaseState.PlanApproval,
        CaseState.Disposing, CaseState.Responding, CaseState.Published,
    ];

    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Each_column_holds_exactly_the_open_cases_in_its_state()
    {
        var opened = new Dictionary<CaseState, int>();
        foreach (var state in Enum.GetValues<CaseState>())
        {
            opened[state] = await desk.NewCase().InAsync(state);
        }

        var board = await BoardAsync(DemoAccounts.Chief);

        Assert.Equal(OpenStates, board.Columns.Select(c => c.State));
        var stored = await StoredCasesAsync();
        foreach (var column in board.Columns)
        {
            var expected = stored.Where(c => c.State == column.State).ToList();
            Assert.Equal(expected.Count, column.Total);
            Assert.Equal(MostUrgentFirst(expected).Take(GetBoard.CardsPerColumn), column.Cards.Select(c => c.Id));
            Assert.All(column.Cards, card => Assert.Equal(column.State, card.State));
        }

        foreach (var state in OpenStates)
        {
            var column = Assert.Single(board.Columns, c => c.Cards.Any(card => card.Id == opened[state]));
            Assert.Equal(state, column.State);
        }

        var shown = board.Columns.SelectMany(c => c.Cards).Select(c => c.Id).ToList();
        Assert.Equal(shown.Count, shown.Distinct().Count());
        Assert.DoesNotContain(opened[CaseState.Closed], shown);
        Assert.DoesNotContain(opened[CaseState.Dismissed], shown);
        Assert.DoesNotContain(opened[CaseState.Merged], shown);
        Assert.True(board.SpansAllUnits);
    }

    [Fact]
    public async Task A_card_shows_the_case_as_stored()
    {
        var id = await desk.NewCase().WithLevel(RiskLevel.Large).InAsync(CaseState.Reporting);
        var stored = await desk.CaseAsync(id);

        var card = (await BoardAsync(DemoAccounts.Chief)).Columns.SelectMany(c => c.Cards).Single(c => c.Id == id);

        Assert.Equal(stored.Number, card.Number);
        Assert.Equal(stored.Title, card.Title);
        Assert.Equal(RiskLevel.Large, card.Risk);
        Assert.Equal("党政办公室", card.UnitName);
        Assert.Equal("张伟", card.OwnerName);
        Assert.Equal(stored.UpdatedAt, card.UpdatedAt);
    }

    [Fact]
    public async Task A_user_of_one_unit_sees_only_their_units_cases()
    {
        var construction = await desk.NewCase().InUnit(DemoAccounts.Construction).InAsync(CaseState.Assessing);
        var coHandled = await desk.NewCase().CoHandledBy(DemoAccounts.Construction).InAsync(CaseState.Collected);
        var townOffice = await desk.NewCase().InAsync(CaseState.Assessing);
        var village = await desk.NewCase().InUnit(DemoAccounts.BinjiangVillage).InAsync(CaseState.Collected);

        var board = await BoardAsync(DemoAccounts.ConstructionChief);

        var actor = desk.Actor(DemoAccounts.ConstructionChief);
        var visible = (await StoredCasesAsync()).Where(c => c.IsVisibleTo(actor)).ToList();
        var shown = board.Columns.SelectMany(c => c.Cards).Select(c => c.Id).ToList();
        Assert.Contains(construction, shown);
        Assert.Contains(coHandled, shown);
        Assert.DoesNotContain(townOffice, shown);
        Assert.DoesNotContain(village, shown);
        Assert.Equal(visible.Select(c => c.Id).Order(), shown.Order());
        foreach (var column in board.Columns)
        {
            Assert.Equal(visible.Count(c => c.State == column.State), column.Total);
        }

        Assert.False(board.SpansAllUnits);
        var villageBoard = await BoardAsync(DemoAccounts.VillageOfficer);
        Assert.Contains(village, villageBoard.Columns.SelectMany(c => c.Cards).Select(c => c.Id));
        Assert.DoesNotContain(construction, villageBoard.Columns.SelectMany(c => c.Cards).Select(c => c.Id));
    }

    [Fact]
    public async Task My_unit_narrows_an_all_units_board_and_a_risk_level_narrows_it_further()
    {
        var mine = await desk.NewCase().WithLevel(RiskLevel.Major).InAsync(CaseState.Reporting);
        var theirs = await desk.NewCase().InUnit(DemoAccounts.Construction).WithLevel(RiskLevel.Major).InAsync(CaseState.Reporting);
        var general = await desk.NewCase().InAsync(CaseState.Reporting);

        var all = Ids(await BoardAsync(DemoAccounts.Chief));
        var myUnit = Ids(await BoardAsync(DemoAccounts.Chief, new GetBoard.Query { MyUnitsOnly = true }));
        var myMajor = Ids(await BoardAsync(DemoAccounts.Chief, new GetBoard.Query { MyUnitsOnly = true, Risk = RiskLevel.Major }));

        Assert.Subset(all.ToHashSet(), new HashSet<int> { mine, theirs, general });
        Assert.Contains(mine, myUnit);
        Assert.Contains(general, myUnit);
        Assert.DoesNotContain(theirs, myUnit);
        Assert.Contains(mine, myMajor);
        Assert.DoesNotContain(general, myMajor);
        Assert.DoesNotContain(theirs, myMajor);
    }

    [Fact]
    public async Task The_most_urgent_come_first_risk_then_latest_activity()
    {
        var general = await desk.NewCase().InUnit(DemoAccounts.BinjiangVillage).InAsync(CaseState.Reporting);
        var critical = await desk.NewCase().InUnit(DemoAccounts.BinjiangVillage).WithLevel(RiskLevel.Critical).InAsync(CaseState.Reporting);
        var olderLarge = await desk.NewCase().InUnit(DemoAccounts.BinjiangVillage).WithLevel(RiskLevel.Large).InAsync(CaseState.Reporting);
        var newerLarge = await desk.NewCase().InUnit(DemoAccounts.BinjiangVillage).WithLevel(RiskLevel.Large).InAsync(CaseState.Reporting);
        await desk.SendAsync(DemoAccounts.Chief, new AddComment.Command { CaseId = olderLarge, Text = "请尽快核实" });

        var reporting = (await BoardAsync(DemoAccounts.VillageOfficer)).Columns.Single(c => c.State == CaseState.Reporting);

        Assert.Equal([critical, olderLarge, newerLarge, general], reporting.Cards.Select(c => c.Id).Where(new[] { general, critical, olderLarge, newerLarge }.Contains));
        var stored = (await StoredCasesAsync()).ToDictionary(c => c.Id);
        Assert.Equal(MostUrgentFirst(reporting.Cards.Select(c => stored[c.Id])), reporting.Cards.Select(c => c.Id));
    }

    [Fact]
    public async Task A_long_column_shows_fifty_cards_and_counts_them_all()
    {
        for (var i = 0; i < GetBoard.CardsPerColumn + 3; i++)
        {
            await desk.OpenCaseAsync(DemoAccounts.SocialAffairs);
        }

        var board = await BoardAsync(DemoAccounts.Chief);

        var collected = board.Columns.Single(c => c.State == CaseState.Collected);
        var stored = (await StoredCasesAsync()).Where(c => c.State == CaseState.Collected).ToList();
        Assert.True(stored.Count > GetBoard.CardsPerColumn);
        Assert.Equal(stored.Count, collected.Total);
        Assert.Equal(GetBoard.CardsPerColumn, collected.Cards.Count);
        Assert.Equal(MostUrgentFirst(stored).Take(GetBoard.CardsPerColumn), collected.Cards.Select(c => c.Id));
        Assert.Equal(stored.Count + board.Columns.Where(c => c.State != CaseState.Collected).Sum(c => c.Total), board.Total);
    }

    [Fact]
    public async Task A_role_without_case_access_is_refused()
    {
        await Expect.ForbiddenAsync(() => BoardAsync(DemoAccounts.Admin));
    }

    private Task<GetBoard.Result> BoardAsync(DemoAccount viewer, GetBoard.Query? query = null) =>
        desk.SendAsync(viewer, query ?? new GetBoard.Query());

    /// <summary>The board's order, written down independently: 特别重大 … 一般, unassessed last, then the latest activity.</summary>
    private static IEnumerable<int> MostUrgentFirst(IEnumerable<Case> cases) => cases
        .OrderByDescending(c => c.RiskLevel.HasValue ? (int)c.RiskLevel.Value : 0).ThenByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
        .Select(c => c.Id);

    private static List<int> Ids(GetBoard.Result board) => board.Columns.SelectMany(c => c.Cards).Select(c => c.Id).ToList();

    private async Task<List<Case>> StoredCasesAsync()
    {
        await using var db = await desk.App.CreateDbContextAsync();
        return await db.Cases.AsNoTracking().Include(c => c.Tasks).ToListAsync();
    }
}
