using Bunit;
using Bunit.Rendering;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

public class CompleteAssessmentDialogTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public async Task An_empty_assessment_shows_the_missing_fields_and_changes_nothing()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        var version = await Desk.VersionAsync(id);
        SignIn(DemoAccounts.Analyst);
        var page = OpenDialog(id);

        page.Find("[data-testid=dialog-submit]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains(Text("Field.Nature"), FieldError(page, "nature"), StringComparison.Ordinal);
            Assert.Contains(Text("Field.Risks"), FieldError(page, "risks"), StringComparison.Ordinal);
            Assert.Contains(Text("Field.ResponseNeeded"), FieldError(page, "response-needed"), StringComparison.Ordinal);
        });
        Assert.Single(page.FindAll("[data-testid=case-dialog]"));
        var stored = await Desk.CaseAsync(id);
        Assert.Equal(CaseState.Assessing, stored.State);
        Assert.Equal(version, stored.Version);
        Assert.Null(stored.Assessment);
    }

    [Fact]
    public async Task A_complete_assessment_moves_the_case_on_and_the_page_shows_it()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = OpenDialog(id);

        page.Find("[data-testid=nature]").Change("民生类舆情，涉及群众饮水安全");
        page.Find("[data-testid=risks]").Change("可能引发群体聚集");
        page.Find("[data-testid=response-needed-yes]").Click();
        page.Find("[data-testid=dialog-submit]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=case-dialog]"));
            Assert.Equal(nameof(CaseState.Reporting), page.Find("[data-testid=case-state]").GetAttribute("data-state"));
        });
        var stored = await Desk.CaseAsync(id);
        Assert.Equal(CaseState.Reporting, stored.State);
        Assert.Equal("民生类舆情，涉及群众饮水安全", stored.Assessment!.Nature);
        Assert.True(stored.ResponseNeeded);
    }

    [Fact]
    public async Task A_comment_posted_from_the_box_appears_in_the_comments()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Collected);
        SignIn(DemoAccounts.Chief);
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));
        page.WaitForElement("[data-testid=case-page]");
        Assert.Empty(page.FindAll("[data-testid=case-comment]"));

        page.Find("[data-testid=comment-box]").Input("请城建办今天下午前核实管网情况");
        page.Find("[data-testid=comment-send]").Click();

        var comment = page.WaitForElement("[data-testid=case-comment]");
        Assert.Equal("王强", comment.QuerySelector(".case-who")?.TextContent.Trim());
        Assert.Contains("请城建办今天下午前核实管网情况", comment.TextContent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, page.Find("[data-testid=comment-box]").GetAttribute("value") ?? string.Empty);
        var stored = Assert.Single((await Desk.CaseAsync(id)).Comments);
        Assert.Equal("请城建办今天下午前核实管网情况", stored.Text);
    }

    private IRenderedComponent<ContainerFragment> OpenDialog(int caseId)
    {
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), caseId));
        page.WaitForElement("[data-testid=case-action][data-action=CompleteAssessment]").Click();
        page.WaitForElement("[data-testid=case-dialog] [data-testid=nature]");
        Assert.Equal(Text("Trigger.CompleteAssessment"), page.Find("[data-testid=dialog-title]").TextContent.Trim());
        return page;
    }
}
