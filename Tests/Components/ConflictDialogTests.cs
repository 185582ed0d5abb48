using Bunit;
using Bunit.Rendering;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Cases.Plan;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>
/// Two people edit the same case summary: A (李娜, analyst) in the dialog on the case page, B (王强, section chief)
/// through the mediator while A is typing. A saves second.
/// </summary>
public class ConflictDialogTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    private const string Mine = "李娜：滨江村三组自来水发黑，已联系水厂排查。";
    private const string Theirs = "王强：水厂称系管网冲洗所致，已安排水质检测。";
    private static readonly TimeSpan Saved = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_second_to_save_sees_both_versions_side_by_side()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = await EditWhileSomeoneElseSavesAsync(id, Mine, summary: Theirs);

        var field = Assert.Single(page.FindAll("[data-testid=conflict-dialog] [data-testid=conflict-field]"));
        Assert.Equal(nameof(EditCaseSummary.Command.Summary), field.GetAttribute("data-key"));
        var mine = field.QuerySelector("[data-testid=conflict-mine]")!;
        var theirs = field.QuerySelector("[data-testid=conflict-theirs]")!;
        Assert.Contains(Text("Conflict.Mine"), mine.TextContent, StringComparison.Ordinal);
        Assert.Equal(Mine, mine.QuerySelector("[data-testid=conflict-text]")!.TextContent.Trim());
        Assert.Equal(Theirs, theirs.QuerySelector("[data-testid=conflict-text]")!.TextContent.Trim());
        Assert.Matches(@"当前版本（王强 于 \d{4}-\d\d-\d\d \d\d:\d\d 保存）", theirs.TextContent);
        Assert.Equal(Theirs, (await Desk.CaseAsync(id)).Summary);
    }

    [Fact]
    public async Task Merging_saves_a_text_that_holds_both_versions()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = await EditWhileSomeoneElseSavesAsync(id, Mine, summary: Theirs);

        page.Find("[data-testid=conflict-use-merge]").Click();
        var merged = page.WaitForElement("[data-testid=conflict-merged]").GetAttribute("value") ?? string.Empty;
        Assert.Contains(Mine, merged, StringComparison.Ordinal);
        Assert.Contains(Theirs, merged, StringComparison.Ordinal);
        Assert.True(merged.IndexOf(Mine, StringComparison.Ordinal) < merged.IndexOf(Theirs, StringComparison.Ordinal));
        page.Find("[data-testid=conflict-save]").Click();

        WaitUntilClosed(page);
        var stored = await Desk.CaseAsync(id);
        Assert.Contains(Mine, stored.Summary, StringComparison.Ordinal);
        Assert.Contains(Theirs, stored.Summary, StringComparison.Ordinal);
        Assert.Equal("李娜", stored.Timeline[^1].ActorName);
    }

    [Fact]
    public async Task An_edited_merge_is_saved_as_edited()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = await EditWhileSomeoneElseSavesAsync(id, Mine, summary: Theirs);

        page.Find("[data-testid=conflict-use-merge]").Click();
        page.WaitForElement("[data-testid=conflict-merged]").Input("已联系水厂排查；水厂称系管网冲洗所致，已安排水质检测。");
        page.Find("[data-testid=conflict-save]").Click();

        WaitUntilClosed(page);
        Assert.Equal("已联系水厂排查；水厂称系管网冲洗所致，已安排水质检测。", (await Desk.CaseAsync(id)).Summary);
    }

    [Fact]
    public async Task Choosing_theirs_keeps_the_other_persons_text()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = await EditWhileSomeoneElseSavesAsync(id, Mine, summary: Theirs);

        Assert.True(page.Find("[data-testid=conflict-save]").HasAttribute("disabled"));
        page.Find("[data-testid=conflict-use-theirs]").Click();
        page.Find("[data-testid=conflict-save]").Click();

        WaitUntilClosed(page);
        Assert.Equal(Theirs, (await Desk.CaseAsync(id)).Summary);
    }

    [Fact]
    public async Task Cancelling_keeps_the_users_text_in_the_form_and_overwrites_nothing()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = await EditWhileSomeoneElseSavesAsync(id, Mine, summary: Theirs);
        var version = await Desk.VersionAsync(id);

        page.Find("[data-testid=conflict-cancel]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=conflict-dialog]")));
        Assert.Single(page.FindAll("[data-testid=case-dialog]"));
        Assert.Equal(Mine, page.Find("[data-testid=case-dialog] [data-testid=summary]").GetAttribute("value"));
        Assert.Equal(Text("Conflict.KeptYourText"), page.Find("[data-testid=dialog-error]").TextContent.Trim());
        Assert.Equal(Theirs, (await Desk.CaseAsync(id)).Summary);

        // Saving again compares again: still no silent overwrite.
        page.Find("[data-testid=dialog-submit]").Click();
        page.WaitForElement("[data-testid=conflict-dialog] [data-testid=conflict-field]", Saved);
        Assert.Equal(version, await Desk.VersionAsync(id));
        Assert.Equal(Theirs, (await Desk.CaseAsync(id)).Summary);
    }

    [Fact]
    public async Task A_change_elsewhere_on_the_case_is_no_conflict_and_saves_on_the_latest_version()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = OpenEditSummary(id);
        page.Find("[data-testid=summary]").Change(Mine);
        await Desk.SendAsync(DemoAccounts.Chief, new AddComment.Command { CaseId = id, Text = "请今天下午前核实" });

        page.Find("[data-testid=dialog-submit]").Click();

        WaitUntilClosed(page);
        Assert.Empty(page.FindAll("[data-testid=conflict-dialog]"));
        Assert.Contains(page.FindAll(".mud-snackbar"), s => s.TextContent.Contains(Text("Conflict.SavedOnLatest"), StringComparison.Ordinal));
        var stored = await Desk.CaseAsync(id);
        Assert.Equal(Mine, stored.Summary);
        Assert.Single(stored.Comments);
    }

    [Fact]
    public async Task A_field_only_the_other_person_changed_takes_their_text()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        var originalSummary = (await Desk.CaseAsync(id)).Summary;
        SignIn(DemoAccounts.Analyst);
        var page = await EditWhileSomeoneElseSavesAsync(id, Mine, title: "王强改的标题", summary: originalSummary, expectConflict: false);

        WaitUntilClosed(page);
        Assert.Empty(page.FindAll("[data-testid=conflict-dialog]"));
        var stored = await Desk.CaseAsync(id);
        Assert.Equal("王强改的标题", stored.Title);
        Assert.Equal(Mine, stored.Summary);
    }

    [Fact]
    public async Task The_plan_dialog_shows_only_the_plan_text_both_changed()
    {
        var id = await Desk.NewCase().InAsync(CaseState.PlanDrafting);
        SignIn(DemoAccounts.Analyst);
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));
        page.WaitForElement("[data-testid=case-action][data-action=SavePlan]").Click();
        page.WaitForElement("[data-testid=case-dialog] [data-testid=measures]").Change("我的措施：今日入户排查");
        var plan = (await Desk.CaseAsync(id)).CurrentPlan!;
        await Desk.SendAsync(DemoAccounts.Analyst, new SavePlan.Command
        {
            CaseId = id,
            ExpectedVersion = await Desk.VersionAsync(id),
            Measures = "他人措施：联系水厂冲洗管网",
            ResponsiblePersons = plan.ResponsiblePersons,
            OfflineActions = "他人补充：设置临时供水点",
            ResponseApproach = plan.ResponseApproach,
        });

        page.Find("[data-testid=dialog-submit]").Click();

        var field = page.WaitForElement("[data-testid=conflict-dialog] [data-testid=conflict-field]", Saved);
        Assert.Single(page.FindAll("[data-testid=conflict-field]"));
        Assert.Equal(nameof(SavePlan.Command.Measures), field.GetAttribute("data-key"));
        page.Find("[data-testid=conflict-use-mine]").Click();
        page.Find("[data-testid=conflict-save]").Click();
        WaitUntilClosed(page);
        var saved = (await Desk.CaseAsync(id)).CurrentPlan!;
        Assert.Equal("我的措施：今日入户排查", saved.Measures);
        Assert.Equal("他人补充：设置临时供水点", saved.OfflineActions);
    }

    [Fact]
    public async Task An_assessment_saved_after_someone_commented_goes_through_on_the_latest_version()
    {
        var id = await Desk.NewCase().InAsync(CaseState.Assessing);
        SignIn(DemoAccounts.Analyst);
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));
        page.WaitForElement("[data-testid=case-action][data-action=CompleteAssessment]").Click();
        page.WaitForElement("[data-testid=case-dialog] [data-testid=nature]").Change("民生类舆情");
        page.Find("[data-testid=risks]").Change("可能引发群体聚集");
        page.Find("[data-testid=response-needed-yes]").Click();
        await Desk.SendAsync(DemoAccounts.Chief, new AddComment.Command { CaseId = id, Text = "请尽快研判" });

        page.Find("[data-testid=dialog-submit]").Click();

        WaitUntilClosed(page);
        var stored = await Desk.CaseAsync(id);
        Assert.Equal(CaseState.Reporting, stored.State);
        Assert.Equal("民生类舆情", stored.Assessment!.Nature);
        Assert.Contains(page.FindAll(".mud-snackbar"), s => s.TextContent.Contains(Text("Conflict.SavedOnLatest"), StringComparison.Ordinal));
    }

    /// <summary>
    /// A (signed in by the test itself: the sign-in is an AsyncLocal, which an async helper could not hand back) opens the case page and the EditSummary dialog and types <paramref name="mySummary"/>; B saves
    /// <paramref name="title"/>/<paramref name="summary"/> through the mediator; A submits.
    /// </summary>
    private async Task<IRenderedComponent<ContainerFragment>> EditWhileSomeoneElseSavesAsync(int id, string mySummary, string? title = null,
        string? summary = null, bool expectConflict = true)
    {
        var page = OpenEditSummary(id);
        page.Find("[data-testid=summary]").Change(mySummary);

        var before = await Desk.CaseAsync(id);
        await Desk.SendAsync(DemoAccounts.Chief, new EditCaseSummary.Command
        {
            CaseId = id,
            ExpectedVersion = before.Version,
            Title = title ?? before.Title,
            Summary = summary ?? before.Summary,
        });

        page.Find("[data-testid=dialog-submit]").Click();
        if (expectConflict)
        {
            page.WaitForElement("[data-testid=conflict-dialog] [data-testid=conflict-field]", Saved);
        }

        return page;
    }

    private IRenderedComponent<ContainerFragment> OpenEditSummary(int id)
    {
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));
        page.WaitForElement("[data-testid=case-action][data-action=EditSummary]").Click();
        page.WaitForElement("[data-testid=case-dialog] [data-testid=summary]");
        return page;
    }

    private static void WaitUntilClosed(IRenderedComponent<ContainerFragment> page) =>
        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=conflict-dialog]"));
            Assert.Empty(page.FindAll("[data-testid=case-dialog]"));
        }, Saved);
}
