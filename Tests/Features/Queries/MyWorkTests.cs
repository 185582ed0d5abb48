using OpinionResponse.App.Features.Cases.Responses;
using OpinionResponse.App.Features.Cases.Tasks;
using OpinionResponse.App.Features.Cases.MyWork;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Queries;

/// <summary>待我办理 from a known desk, per role: each list holds what the domain lets that user do, nobody else's work.</summary>
[Collection(QueryDesk.Name)]
public class MyWorkTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private Task<ListMyWork.Result> WorkOf(DemoAccount account) => desk.SendAsync(account, new ListMyWork.Query());

    [Fact]
    public async Task A_plan_waits_for_the_chief_and_for_a_major_case_then_for_the_unit_head()
    {
        var general = await desk.NewCase().InAsync(CaseState.PlanApproval);
        var major = await desk.NewCase().Major().InAsync(CaseState.PlanApproval);

        var chief = await WorkOf(DemoAccounts.Chief);
        Assert.Contains(general, chief.PlansToSign.Select(e => e.CaseId));
        Assert.Contains(major, chief.PlansToSign.Select(e => e.CaseId));
        var head = await WorkOf(DemoAccounts.Head);
        Assert.DoesNotContain(general, head.PlansToSign.Select(e => e.CaseId));
        // The analyst drafted both plans: signing is not hers.
        Assert.DoesNotContain((await WorkOf(DemoAccounts.Analyst)).PlansToSign, e => e.CaseId == general || e.CaseId == major);

        await desk.SendAsync(DemoAccounts.Chief, new App.Features.Cases.Plan.SignPlan.Command { CaseId = major, Comment = "同意" });
        Assert.DoesNotContain(major, (await WorkOf(DemoAccounts.Chief)).PlansToSign.Select(e => e.CaseId));
        Assert.Contains(major, (await WorkOf(DemoAccounts.Head)).PlansToSign.Select(e => e.CaseId));
    }

    [Fact]
    public async Task A_response_in_review_waits_for_the_chief_not_for_the_press_officer_who_wrote_it()
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await desk.SendAsync(DemoAccounts.Press, new DraftResponse.Command
        {
            CaseId = caseId, ExpectedVersion = await desk.VersionAsync(caseId), Channels = "政府网站", Text = "情况通报",
        });
        await desk.SendAsync(DemoAccounts.Press, new SubmitResponse.Command(caseId, responseId));

        Assert.Contains(caseId, (await WorkOf(DemoAccounts.Chief)).ResponsesToApprove.Select(e => e.CaseId));
        Assert.DoesNotContain(caseId, (await WorkOf(DemoAccounts.Press)).ResponsesToApprove.Select(e => e.CaseId));
    }

    [Fact]
    public async Task A_task_waits_for_its_unit_to_accept_then_to_answer()
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Disposing);
        await desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = caseId, UnitId = desk.Unit(DemoAccounts.Construction), Description = "疏通管网", DueAt = DateTime.UtcNow.AddDays(1),
        });

        var officer = await WorkOf(DemoAccounts.ConstructionOfficer);
        Assert.Contains(caseId, officer.TasksToAccept.Select(e => e.CaseId));
        Assert.DoesNotContain(caseId, officer.TasksToAnswer.Select(e => e.CaseId));
        // The opinion office sees the case but the task is not its unit's.
        Assert.DoesNotContain(caseId, (await WorkOf(DemoAccounts.Duty)).TasksToAccept.Select(e => e.CaseId));

        var taskId = (await desk.CaseAsync(caseId)).Tasks.Single().Id;
        await desk.SendAsync(DemoAccounts.ConstructionOfficer, new AcceptTask.Command(caseId, taskId));
        officer = await WorkOf(DemoAccounts.ConstructionOfficer);
        Assert.DoesNotContain(caseId, officer.TasksToAccept.Select(e => e.CaseId));
        Assert.Contains(caseId, officer.TasksToAnswer.Select(e => e.CaseId));
    }

    [Fact]
    public async Task An_item_claimed_by_me_is_mine_only()
    {
        var itemId = await desk.LogItemAsync();
        await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(itemId));

        Assert.Contains(itemId, (await WorkOf(DemoAccounts.Duty)).ClaimedItems.Select(i => i.ItemId));
        Assert.DoesNotContain(itemId, (await WorkOf(DemoAccounts.Analyst)).ClaimedItems.Select(i => i.ItemId));
    }

    [Fact]
    public async Task A_user_who_may_not_read_cases_has_no_work_list()
    {
        await Expect.ForbiddenAsync(() => WorkOf(DemoAccounts.Admin));
    }
}
