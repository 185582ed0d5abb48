using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using OpinionResponse.App.Features.Board;
using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

public class BoardTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The board refreshes once right after it subscribes (to catch what changed before): a change made later than that
    /// can only reach the board through the live event.
    /// </summary>
    private static readonly TimeSpan PastCatchUp = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_card_moves_to_its_new_column_when_someone_changes_the_cases_state()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Collected);
        SignIn(DemoAccounts.Chief);
        var page = RenderBoard();
        page.WaitForAssertion(() => Assert.Equal(nameof(CaseState.Collected), ColumnOf(page, id)));
        var collectedBefore = Count(page, CaseState.Collected);
        var assessingBefore = Count(page, CaseState.Assessing);
        Assert.Null(Card(page, id).GetAttribute("data-moved"));
        await Task.Delay(PastCatchUp);

        await Desk.SendAsync(DemoAccounts.Analyst, new StartAssessment.Command(id));

        page.WaitForAssertion(() =>
        {
            Assert.Equal(nameof(CaseState.Assessing), ColumnOf(page, id));
            Assert.Single(page.FindAll($"[data-testid=board-card][data-case-id='{id}']"));
            Assert.Equal("true", Card(page, id).GetAttribute("data-moved"));
            Assert.Contains("board-card-moved", Card(page, id).ClassList);
            Assert.Equal(collectedBefore - 1, Count(page, CaseState.Collected));
            Assert.Equal(assessingBefore + 1, Count(page, CaseState.Assessing));
        }, Live);
    }

    [Fact]
    public async Task A_case_opened_by_someone_else_appears_without_a_reload()
    {
        SignIn(DemoAccounts.Chief);
        var page = RenderBoard();
        var before = Count(page, CaseState.Collected);
        await Task.Delay(PastCatchUp);

        var id = await Desk.NewCase().InAsync(CaseState.Collected);

        page.WaitForAssertion(() =>
        {
            Assert.Equal(nameof(CaseState.Collected), ColumnOf(page, id));
            Assert.Equal(before + 1, Count(page, CaseState.Collected));
        }, Live);
        Assert.Null(Card(page, id).GetAttribute("data-moved"));
    }

    [Fact]
    public async Task The_columns_are_the_eight_open_states_with_their_names_and_counts()
    {
        await Desk.NewCase().InAsync(CaseState.Reporting);
        await Desk.NewCase().InAsync(CaseState.Closed);
        SignIn(DemoAccounts.Chief);
        var page = RenderBoard();

        var columns = page.FindAll("[data-testid=board-column]");
        Assert.Equal(
            ["Collected", "Assessing", "Reporting", "PlanDrafting", "PlanApproval", "Disposing", "Responding", "Published"],
            columns.Select(c => c.GetAttribute("data-state")));
        Assert.Equal(["待研判", "研判中", "待报送", "方案拟定", "方案审批", "处置中", "回应办理", "已回应"],
            columns.Select(c => c.QuerySelector(".board-column-name")!.TextContent.Trim()));
        foreach (var column in columns)
        {
            var cards = column.QuerySelectorAll("[data-testid=board-card]").Length;
            Assert.Equal(cards.ToString(System.Globalization.CultureInfo.InvariantCulture), column.QuerySelector("[data-testid=board-count]")!.TextContent.Trim());
        }

        Assert.True(Count(page, CaseState.Reporting) >= 1);
    }

    [Fact]
    public async Task A_card_shows_number_title_risk_in_colour_and_words_unit_owner_and_links_to_the_case()
    {
        var id = await Desk.NewCase().WithLevel(RiskLevel.Major).InAsync(CaseState.Reporting);
        var stored = await Desk.CaseAsync(id);
        SignIn(DemoAccounts.Chief);
        var page = RenderBoard();

        var card = Card(page, id);
        Assert.Equal($"cases/{id}", card.GetAttribute("href"));
        Assert.Equal(stored.Number, card.QuerySelector("[data-testid=board-card-number]")!.TextContent.Trim());
        Assert.Equal(stored.Title, card.QuerySelector("[data-testid=board-card-title]")!.TextContent.Trim());
        var risk = card.QuerySelector("[data-testid=board-card-risk]")!;
        Assert.Contains("risk-chip-Major", risk.ClassList);
        Assert.Equal("重大", risk.TextContent.Trim());
        Assert.Equal("党政办公室", card.QuerySelector("[data-testid=board-card-unit]")!.TextContent.Trim());
        Assert.Equal("张伟", card.QuerySelector("[data-testid=board-card-owner]")!.TextContent.Trim());
        Assert.Equal("刚刚", card.QuerySelector("[data-testid=board-card-updated]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_user_of_another_unit_sees_neither_the_case_nor_the_unit_choice()
    {
        var townOffice = await Desk.NewCase().InAsync(CaseState.Collected);
        var construction = await Desk.NewCase().InUnit(DemoAccounts.Construction).InAsync(CaseState.Collected);
        SignIn(DemoAccounts.ConstructionChief);
        var page = RenderBoard();

        Assert.Single(page.FindAll($"[data-testid=board-card][data-case-id='{construction}']"));
        Assert.Empty(page.FindAll($"[data-testid=board-card][data-case-id='{townOffice}']"));
        Assert.Empty(page.FindAll("[data-testid=board-filter-mine]"));
    }

    private IRenderedComponent<ContainerFragment> RenderBoard()
    {
        var page = RenderPage<BoardPage>();
        page.WaitForElement("[data-testid=board]");
        return page;
    }

    private static IElement Card(IRenderedComponent<ContainerFragment> page, int caseId) =>
        page.Find($"[data-testid=board-card][data-case-id='{caseId}']");

    private static string? ColumnOf(IRenderedComponent<ContainerFragment> page, int caseId) =>
        Card(page, caseId).Closest("[data-testid=board-column]")?.GetAttribute("data-state");

    private static int Count(IRenderedComponent<ContainerFragment> page, CaseState state) =>
        int.Parse(page.Find($"[data-testid=board-column][data-state={state}] [data-testid=board-count]").TextContent.Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
}
