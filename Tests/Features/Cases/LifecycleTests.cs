using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Cases.Tasks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Cases;

[Collection(LifecycleDesk.Name)]
public class CloseCaseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_section_chief_closes_a_published_case_with_a_summary_and_the_callers_feedback()
    {
        var id = await desk.NewCase().InAsync(CaseState.Published);

        await desk.SendAsync(DemoAccounts.Chief, new CloseCase.Command { CaseId = id, Summary = " 已处置完毕 ", RaiserFeedback = " 已电话回访 ", FollowUpReached = true, Satisfaction = Satisfaction.Satisfied });

        var @case = await desk.CaseAsync(id);
        Assert.Equal((CaseState.Closed, "已处置完毕", "已电话回访"), (@case.State, @case.CloseSummary, @case.RaiserFeedback));
        Assert.NotNull(@case.ClosedAt);
    }

    [Fact]
    public async Task A_case_that_needs_no_public_response_closes_from_disposing()
    {
        var id = await desk.NewCase().NoResponseNeeded().InAsync(CaseState.Disposing);

        await desk.SendAsync(DemoAccounts.Chief, new CloseCase.Command { CaseId = id, Summary = "线下处置完毕", RaiserFeedback = "已回访", FollowUpReached = false });

        Assert.Equal(CaseState.Closed, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task The_caller_who_raised_it_must_be_told_the_outcome()
    {
        var id = await desk.NewCase().InAsync(CaseState.Published);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new CloseCase.Command { CaseId = id, Summary = "已处置完毕" }),
            DomainErrors.RaiserFeedbackRequired);

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Published, @case.State);
        Assert.Null(@case.CloseSummary);
    }

    [Fact]
    public async Task A_case_with_an_open_task_cannot_close()
    {
        var id = await desk.NewCase().NoResponseNeeded().InAsync(CaseState.Disposing);
        await desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = id,
            UnitId = desk.Unit(DemoAccounts.BinjiangVillage),
            Description = "入户核实",
            DueAt = DateTime.UtcNow.AddDays(1),
        });

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new CloseCase.Command { CaseId = id, Summary = "完毕", RaiserFeedback = "已回访" }),
            DomainErrors.TasksOpen);

        Assert.Equal(CaseState.Disposing, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task An_analyst_cannot_close_a_case()
    {
        var id = await desk.NewCase().InAsync(CaseState.Published);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Analyst, new CloseCase.Command { CaseId = id, Summary = "完毕", RaiserFeedback = "已回访" }));

        Assert.Equal(CaseState.Published, (await desk.CaseAsync(id)).State);
    }
}

[Collection(LifecycleDesk.Name)]
public class DismissCaseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_section_chief_dismisses_a_collected_case_with_the_reason()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await desk.SendAsync(DemoAccounts.Chief, new DismissCase.Command { CaseId = id, Reason = " 属外地事项 " });

        var @case = await desk.CaseAsync(id);
        Assert.Equal((CaseState.Dismissed, "属外地事项"), (@case.State, @case.DismissReason));
    }

    [Fact]
    public async Task An_analyst_cannot_dismiss_a_case()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Analyst, new DismissCase.Command { CaseId = id, Reason = "无需处置" }));

        Assert.Equal(CaseState.Assessing, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task An_assessed_case_can_no_longer_be_dismissed()
    {
        var id = await desk.NewCase().InAsync(CaseState.Reporting);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new DismissCase.Command { CaseId = id, Reason = "无需处置" }),
            DomainErrors.TriggerNotAllowed);

        Assert.Equal(CaseState.Reporting, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_dismissal_needs_a_reason()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief, new DismissCase.Command { CaseId = id }), "Reason");
    }
}

[Collection(LifecycleDesk.Name)]
public class MergeCaseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Merging_folds_the_case_into_the_target_and_its_items_move_there()
    {
        var source = await desk.NewCase().InAsync(CaseState.Assessing);
        var target = await desk.NewCase().InAsync(CaseState.Collected);
        var sourceItems = (await desk.ItemsOfAsync(source)).Select(i => i.Id).ToList();
        var targetVersion = await desk.VersionAsync(target);

        await desk.SendAsync(DemoAccounts.Chief, new MergeCase.Command { CaseId = source, TargetCaseId = target });

        var merged = await desk.CaseAsync(source);
        Assert.Equal((CaseState.Merged, (int?)target), (merged.State, merged.MergedIntoCaseId));
        Assert.Empty(await desk.ItemsOfAsync(source));
        var moved = await desk.ItemsOfAsync(target);
        Assert.Equal(2, moved.Count);
        Assert.All(sourceItems, id => Assert.Contains(moved, i => i.Id == id && i.Status == TriageStatus.Attached));
        var into = await desk.CaseAsync(target);
        Assert.Equal(targetVersion + 1, into.Version);
        Assert.Equal(("MergedFrom", merged.Number), (into.Timeline.MaxBy(t => t.Id)!.Action, into.Timeline.MaxBy(t => t.Id)!.Detail));
        Assert.Equal(into.Number, (await desk.DetailAsync(source)).MergedIntoNumber);
        Assert.Equal(2, (await desk.DetailAsync(target)).Items.Count);
    }

    [Fact]
    public async Task A_case_cannot_merge_into_itself()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief, new MergeCase.Command { CaseId = id, TargetCaseId = id }), "TargetCaseId");

        Assert.Equal(CaseState.Collected, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_case_cannot_merge_into_a_dismissed_case()
    {
        var source = await desk.NewCase().InAsync(CaseState.Collected);
        var dismissed = await desk.NewCase().InAsync(CaseState.Dismissed);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new MergeCase.Command { CaseId = source, TargetCaseId = dismissed }),
            DomainErrors.MergeTargetInvalid);

        Assert.Equal(CaseState.Collected, (await desk.CaseAsync(source)).State);
        Assert.Single(await desk.ItemsOfAsync(source));
        Assert.Single(await desk.ItemsOfAsync(dismissed));
    }

    [Fact]
    public async Task A_case_cannot_merge_into_a_case_its_user_cannot_see()
    {
        var source = await desk.NewCase().InUnit(DemoAccounts.Construction).InAsync(CaseState.Collected);
        var elsewhere = await desk.NewCase().InUnit(DemoAccounts.SocialAffairs).InAsync(CaseState.Collected);

        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.ConstructionChief, new MergeCase.Command { CaseId = source, TargetCaseId = elsewhere }));

        Assert.Equal(CaseState.Collected, (await desk.CaseAsync(source)).State);
        Assert.Single(await desk.ItemsOfAsync(source));
    }
}

[Collection(LifecycleDesk.Name)]
public class ReopenCaseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_section_chief_reopens_a_closed_case_when_the_opinion_rebounds()
    {
        var id = await desk.NewCase().NoResponseNeeded().InAsync(CaseState.Closed);

        await desk.SendAsync(DemoAccounts.Chief, new ReopenCase.Command { CaseId = id, Reason = " 舆情反弹 " });

        var @case = await desk.CaseAsync(id);
        Assert.Equal((CaseState.Assessing, "舆情反弹"), (@case.State, @case.ReopenReason));
        Assert.Null(@case.ClosedAt);
    }

    [Fact]
    public async Task An_open_case_cannot_be_reopened()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new ReopenCase.Command { CaseId = id, Reason = "反弹" }),
            DomainErrors.TriggerNotAllowed);

        Assert.Null((await desk.CaseAsync(id)).ReopenReason);
    }

    [Fact]
    public async Task A_reopening_needs_a_reason()
    {
        var id = await desk.NewCase().NoResponseNeeded().InAsync(CaseState.Closed);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief, new ReopenCase.Command { CaseId = id, Reason = "\u0000" }), "Reason");

        Assert.Equal(CaseState.Closed, (await desk.CaseAsync(id)).State);
    }
}

[Collection(LifecycleDesk.Name)]
public class EditCaseSummaryTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Editing_stores_the_new_title_and_summary()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        var version = await desk.VersionAsync(id);

        await desk.SendAsync(DemoAccounts.Analyst, new EditCaseSummary.Command
        {
            CaseId = id,
            ExpectedVersion = version,
            Title = " 滨江村三组自来水发黑 ",
            Summary = " 涉及约40户 ",
        });

        var @case = await desk.CaseAsync(id);
        Assert.Equal(("滨江村三组自来水发黑", "涉及约40户", version + 1), (@case.Title, @case.Summary, @case.Version));
        Assert.Equal("EditSummary", @case.Timeline.MaxBy(t => t.Id)!.Action);
    }

    [Fact]
    public async Task A_press_officer_cannot_edit_the_summary()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var before = await desk.CaseAsync(id);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new EditCaseSummary.Command
        {
            CaseId = id,
            ExpectedVersion = before.Version,
            Title = "改标题",
        }));

        Assert.Equal(before.Title, (await desk.CaseAsync(id)).Title);
    }

    [Fact]
    public async Task A_closed_case_is_not_edited()
    {
        var id = await desk.NewCase().NoResponseNeeded().InAsync(CaseState.Closed);
        var version = await desk.VersionAsync(id);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new EditCaseSummary.Command
        {
            CaseId = id,
            ExpectedVersion = version,
            Title = "改标题",
        }), DomainErrors.TriggerNotAllowed);
    }
}

[Collection(LifecycleDesk.Name)]
public class AddCommentTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Everyone_working_the_case_can_comment()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);

        await desk.SendAsync(DemoAccounts.Press, new AddComment.Command { CaseId = id, Text = " 记者已来电询问 " });

        var comment = Assert.Single((await desk.CaseAsync(id)).Comments);
        Assert.Equal(("记者已来电询问", desk.Actor(DemoAccounts.Press).UserId, DemoAccounts.Press.DisplayName),
            (comment.Text, comment.AuthorId, comment.AuthorName));
    }

    [Fact]
    public async Task A_supervisor_reads_but_does_not_comment()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Supervisor, new AddComment.Command { CaseId = id, Text = "督办" }));

        Assert.Empty((await desk.CaseAsync(id)).Comments);
    }

    [Fact]
    public async Task A_comment_cannot_be_empty()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Duty, new AddComment.Command { CaseId = id, Text = "" }), "Text");
    }

    [Fact]
    public async Task Comments_are_kept_on_a_closed_case_too()
    {
        var id = await desk.NewCase().NoResponseNeeded().InAsync(CaseState.Closed);

        await desk.SendAsync(DemoAccounts.Chief, new AddComment.Command { CaseId = id, Text = "归档备注" });

        Assert.Single((await desk.CaseAsync(id)).Comments);
        Assert.Equal(CaseState.Closed, (await desk.SendAsync(DemoAccounts.Chief, new GetCaseDetail.Query(id))).Case.State);
    }
}
