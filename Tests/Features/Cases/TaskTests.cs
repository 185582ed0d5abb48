using OpinionResponse.App.Features.Cases.Tasks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Cases;

internal static class Tasks
{
    public static async Task<int> AssignAsync(Desk desk, int caseId, string unitCode = DemoAccounts.BinjiangVillage)
    {
        var description = $"{Desk.Tag()} 入户核实水质情况";
        await desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = caseId,
            UnitId = desk.Unit(unitCode),
            Description = description,
            DueAt = DateTime.UtcNow.AddDays(1),
        });
        return await desk.TaskIdAsync(caseId, description);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class AssignTaskTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_section_chief_sends_a_task_to_a_village_with_a_due_time()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);
        var due = DateTime.UtcNow.AddDays(2);

        await desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = id,
            UnitId = desk.Unit(DemoAccounts.BinjiangVillage),
            Description = " 入户核实 ",
            DueAt = due,
        });

        var @case = await desk.CaseAsync(id);
        var task = Assert.Single(@case.Tasks);
        Assert.Equal((desk.Unit(DemoAccounts.BinjiangVillage), "入户核实", CaseTaskStatus.Pending, DemoAccounts.Chief.DisplayName),
            (task.UnitId, task.Description, task.Status, task.AssignedBy));
        Assert.Equal(due, task.DueAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(CaseState.Disposing, @case.State);
    }

    [Fact]
    public async Task A_due_time_in_the_past_is_refused_naming_the_due_time()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = id,
            UnitId = desk.Unit(DemoAccounts.BinjiangVillage),
            Description = "入户核实",
            DueAt = DateTime.UtcNow.AddHours(-1),
        }), "DueAt");

        Assert.Empty((await desk.CaseAsync(id)).Tasks);
    }

    [Fact]
    public async Task An_unknown_unit_is_refused_naming_the_unit()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = id,
            UnitId = 4242,
            Description = "入户核实",
            DueAt = DateTime.UtcNow.AddDays(1),
        }), "UnitId");

        Assert.Empty((await desk.CaseAsync(id)).Tasks);
    }

    [Fact]
    public async Task A_press_officer_cannot_assign_a_task()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new AssignTask.Command
        {
            CaseId = id,
            UnitId = desk.Unit(DemoAccounts.BinjiangVillage),
            Description = "入户核实",
            DueAt = DateTime.UtcNow.AddDays(1),
        }));

        Assert.Empty((await desk.CaseAsync(id)).Tasks);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class AcceptTaskTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_receiving_village_accepts_its_task()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);
        var taskId = await Tasks.AssignAsync(desk, id);

        await desk.SendAsync(DemoAccounts.VillageOfficer, new AcceptTask.Command(id, taskId));

        var task = Assert.Single((await desk.CaseAsync(id)).Tasks);
        Assert.Equal((CaseTaskStatus.InProgress, DemoAccounts.VillageOfficer.DisplayName), (task.Status, task.AcceptedBy));
        Assert.NotNull(task.AcceptedAt);
    }

    [Fact]
    public async Task Only_a_member_of_the_receiving_unit_accepts_the_task()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);
        var taskId = await Tasks.AssignAsync(desk, id);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Duty, new AcceptTask.Command(id, taskId)), DomainErrors.TaskWrongUnit);

        Assert.Equal(CaseTaskStatus.Pending, Assert.Single((await desk.CaseAsync(id)).Tasks).Status);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class GiveTaskFeedbackTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_receiving_village_reports_what_it_did()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);
        var taskId = await Tasks.AssignAsync(desk, id);
        await desk.SendAsync(DemoAccounts.VillageOfficer, new AcceptTask.Command(id, taskId));

        await desk.SendAsync(DemoAccounts.VillageOfficer, new GiveTaskFeedback.Command { CaseId = id, TaskId = taskId, Feedback = " 已入户走访12户 " });

        var task = Assert.Single((await desk.CaseAsync(id)).Tasks);
        Assert.Equal((CaseTaskStatus.FeedbackGiven, "已入户走访12户", DemoAccounts.VillageOfficer.DisplayName),
            (task.Status, task.Feedback, task.FeedbackBy));
    }

    [Fact]
    public async Task Feedback_cannot_be_empty()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);
        var taskId = await Tasks.AssignAsync(desk, id);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.VillageOfficer, new GiveTaskFeedback.Command { CaseId = id, TaskId = taskId }),
            "Feedback");

        Assert.Equal(CaseTaskStatus.Pending, Assert.Single((await desk.CaseAsync(id)).Tasks).Status);
    }

    [Fact]
    public async Task Another_unit_cannot_report_on_the_task()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);
        var taskId = await Tasks.AssignAsync(desk, id);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Duty, new GiveTaskFeedback.Command { CaseId = id, TaskId = taskId, Feedback = "代为反馈" }),
            DomainErrors.TaskWrongUnit);

        Assert.Null(Assert.Single((await desk.CaseAsync(id)).Tasks).Feedback);
    }
}
