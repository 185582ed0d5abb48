using Bunit;
using Bunit.Rendering;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Cases.Plan;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

public class CasePageTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    /// <summary>How the case under test was prepared before the viewer opens it.</summary>
    public enum Setup
    {
        /// <summary>一般, driven to the state through the real commands.</summary>
        General,

        /// <summary>重大, in PlanApproval, already signed by the section chief: the unit head's signature is still missing.</summary>
        MajorSignedByChief,
    }

    /// <summary>
    /// The expected sets are written down from DESIGN §2.1 (roles per trigger, guards), not from the domain, so the test
    /// fails if the domain offers too much or too little.
    /// </summary>
    [Theory]
    [InlineData("analyst", CaseState.Collected, Setup.General, new[] { CaseTrigger.StartAssessment, CaseTrigger.EditSummary })]
    [InlineData("duty", CaseState.Collected, Setup.General, new[] { CaseTrigger.StartAssessment, CaseTrigger.EditSummary })]
    [InlineData("chief", CaseState.Collected, Setup.General, new[] { CaseTrigger.Dismiss, CaseTrigger.Merge, CaseTrigger.EditSummary })]
    [InlineData("chief", CaseState.PlanApproval, Setup.General,
        new[] { CaseTrigger.RecordReport, CaseTrigger.SignPlan, CaseTrigger.RejectPlan, CaseTrigger.Merge, CaseTrigger.EditSummary })]
    [InlineData("analyst", CaseState.PlanApproval, Setup.General, new[] { CaseTrigger.RecordReport, CaseTrigger.EditSummary })]
    [InlineData("duty", CaseState.PlanApproval, Setup.General, new[] { CaseTrigger.EditSummary })]
    [InlineData("head", CaseState.PlanApproval, Setup.MajorSignedByChief, new[] { CaseTrigger.SignPlan, CaseTrigger.RejectPlan })]
    [InlineData("chief", CaseState.PlanApproval, Setup.MajorSignedByChief,
        new[] { CaseTrigger.RecordReport, CaseTrigger.RejectPlan, CaseTrigger.Merge, CaseTrigger.EditSummary })]
    [InlineData("press", CaseState.Published, Setup.General, new[] { CaseTrigger.DraftResponse })]
    [InlineData("chief", CaseState.Closed, Setup.General, new[] { CaseTrigger.Reopen })]
    [InlineData("supervisor", CaseState.Published, Setup.General, new CaseTrigger[0])]
    public async Task The_action_bar_offers_exactly_what_the_user_may_do_now(string userName, CaseState state, Setup setup, CaseTrigger[] expected)
    {
        var id = await PrepareAsync(state, setup);
        var viewer = DemoAccounts.All.Single(a => a.UserName == userName);
        var offered = (await Desk.DetailAsync(id, viewer)).AvailableActions.Where(t => t is not (CaseTrigger.Comment or CaseTrigger.Reassign)).ToHashSet();

        SignIn(viewer);
        var page = RenderCase(id);

        var shown = Actions(page);
        Assert.Equal(state.ToString(), page.Find("[data-testid=case-state]").GetAttribute("data-state"));
        Assert.Equal(offered.Order(), shown.Order());
        Assert.Equal(expected.Order(), shown.Order());
        Assert.Equal(expected.Length, page.FindAll("[data-testid=case-action]").Count);
    }

    [Fact]
    public async Task A_supervisor_is_told_there_is_nothing_for_them_to_do()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);

        SignIn(DemoAccounts.Supervisor);
        var page = RenderCase(id);

        Assert.Empty(page.FindAll("[data-testid=case-action]"));
        Assert.Equal(Text("CasePage.NoActionForYou"), page.Find("[data-testid=case-no-actions]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=comment-box]"));
    }

    [Fact]
    public async Task A_user_of_another_unit_sees_nothing_of_the_case()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Collected);

        SignIn(DemoAccounts.ConstructionChief);
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));

        var missing = page.WaitForElement("[data-testid=case-not-found]");
        Assert.Contains(Text("CasePage.NotFound"), missing.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=case-header], [data-testid=case-action], [data-testid=section-timeline]"));
    }

    /// <summary>Also proves the signed-in user flows from the test into the page's calls: same case, same context, two users.</summary>
    [Fact]
    public async Task The_same_case_shows_each_user_their_own_actions()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Collected);

        SignIn(DemoAccounts.Analyst);
        var asAnalyst = Actions(RenderCase(id));
        await Context.DisposeComponentsAsync();
        SignIn(DemoAccounts.Chief);
        var asChief = Actions(RenderCase(id));

        Assert.Contains(CaseTrigger.StartAssessment, asAnalyst);
        Assert.DoesNotContain(CaseTrigger.Dismiss, asAnalyst);
        Assert.Contains(CaseTrigger.Dismiss, asChief);
        Assert.DoesNotContain(CaseTrigger.StartAssessment, asChief);
    }

    [Fact]
    public async Task The_header_shows_the_number_the_state_and_the_risk_level_in_colour_and_words()
    {
        var id = await Desk.NewCase().WithLevel(RiskLevel.Large).InAsync(CaseState.Reporting);
        var stored = await Desk.CaseAsync(id);

        SignIn(DemoAccounts.Chief);
        var page = RenderCase(id);

        Assert.Matches(@"^BAZ-\d{4}-\d{4}$", stored.Number);
        Assert.Equal(stored.Number, page.Find("[data-testid=case-number]").TextContent.Trim());
        Assert.Equal(stored.Title, page.Find("[data-testid=case-title]").TextContent.Trim());
        Assert.Equal("待报送", page.Find("[data-testid=case-state]").TextContent.Trim());
        var risk = page.Find("[data-testid=case-risk]");
        Assert.Contains("risk-chip-Large", risk.ClassList);
        Assert.Equal("较大", risk.TextContent.Trim());
    }

    [Fact]
    public async Task The_timeline_lists_every_step_with_who_took_it()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Reporting);

        SignIn(DemoAccounts.Chief);
        var page = RenderCase(id);

        var entries = page.FindAll("[data-testid=timeline-entry]");
        Assert.Equal(
            [
                ("Opened", "张伟"),
                ("ItemAttached", "张伟"),
                ("StartAssessment", "李娜"),
                ("CompleteAssessment", "李娜"),
                ("RecordReport", "李娜"),
            ],
            entries.Select(e => (e.GetAttribute("data-action"), e.QuerySelector(".case-who")?.TextContent.Trim())).ToList());
        Assert.Equal("研判中", entries[2].QuerySelector("[data-testid=timeline-states] .status-chip")?.TextContent.Trim());
    }

    [Fact]
    public async Task Markup_in_a_case_title_and_its_item_is_shown_as_text()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var id = await Desk.OpenCaseAsync(title: $"{Desk.Tag()} {hostile}");

        SignIn(DemoAccounts.Duty);
        var page = RenderCase(id);

        Assert.EndsWith(hostile, page.Find("[data-testid=case-title]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(hostile, page.Find("[data-testid=case-item]").TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;img", page.Find("[data-testid=case-title]").OuterHtml, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("img[onerror], img[src=x]"));
    }

    [Fact]
    public async Task Each_item_shows_when_it_was_published_and_how_late_it_was_collected()
    {
        var tag = Desk.Tag();
        var itemId = await Desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Forum, Title = $"{tag} 旧帖", Content = "三天前的论坛帖子，今天才看到。", PublishedAt = DateTime.UtcNow.AddDays(-3).AddMinutes(-5),
        });
        var id = await Desk.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = itemId, Title = $"{tag} 旧帖", Summary = "旧帖。", ResponsibleUnitId = Desk.Unit(DemoAccounts.TownOffice),
        });

        SignIn(DemoAccounts.Duty);
        var page = RenderCase(id);

        Assert.Contains("（采集晚 3 天）", page.Find("[data-testid=item-published]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<ContainerFragment> RenderCase(int id)
    {
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));
        page.WaitForElement("[data-testid=case-page]");
        return page;
    }

    private static HashSet<CaseTrigger> Actions(IRenderedComponent<ContainerFragment> page) =>
        page.FindAll("[data-testid=case-action]").Select(b => Enum.Parse<CaseTrigger>(b.GetAttribute("data-action")!)).ToHashSet();

    private async Task<int> PrepareAsync(CaseState state, Setup setup)
    {
        if (setup == Setup.General)
        {
            return await Desk.NewCase().InAsync(state);
        }

        var id = await Desk.NewCase().Major().InAsync(CaseState.PlanApproval);
        await Desk.SendAsync(DemoAccounts.Chief, new SignPlan.Command { CaseId = id, Comment = "同意，请赵主任签批" });
        return id;
    }
}
