using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>Tasks transferred to a unit (转办): 待受理 → 办理中 → 已反馈, handled by that unit only.</summary>
public class TaskTests
{
    [Fact]
    public void A_member_of_the_tasks_unit_accepts_it_and_gives_feedback()
    {
        var @case = new CaseBuilder().In(CaseState.Disposing);
        var task = @case.AssignTask(Actors.SectionChief, Clock.Now, Units.Village, " 入户核实水质情况 ", Clock.Now.AddDays(1));
        Assert.Equal((CaseTaskStatus.Pending, "入户核实水质情况"), (task.Status, task.Description));

        @case.AcceptTask(Actors.VillageCadre, Clock.Now, task.Id);
        Assert.Equal((CaseTaskStatus.InProgress, Actors.VillageCadre.DisplayName), (task.Status, task.AcceptedBy));

        @case.GiveTaskFeedback(Actors.VillageCadre, Clock.Now, task.Id, " 已入户核实，水质合格 ");
        Assert.Equal((CaseTaskStatus.FeedbackGiven, "已入户核实，水质合格"), (task.Status, task.Feedback));
        Assert.True(task.IsDone);
    }

    [Fact]
    public void Only_a_member_of_the_tasks_unit_may_accept_it()
    {
        var @case = new CaseBuilder().ReadyTo(CaseTrigger.AcceptTask).In(CaseState.Disposing);
        var task = Assert.Single(@case.Tasks);

        var refusal = Assert.Throws<DomainException>(() => @case.AcceptTask(Actors.SectionChief, Clock.Now, task.Id));

        Assert.Equal(DomainErrors.TaskWrongUnit, refusal.Code);
        Assert.Equal(CaseTaskStatus.Pending, task.Status);
    }

    [Fact]
    public void Only_a_member_of_the_tasks_unit_may_give_feedback()
    {
        var @case = new CaseBuilder().ReadyTo(CaseTrigger.GiveTaskFeedback).In(CaseState.Disposing);
        var task = Assert.Single(@case.Tasks);

        var refusal = Assert.Throws<DomainException>(() => @case.GiveTaskFeedback(Actors.SectionChief, Clock.Now, task.Id, "已办"));

        Assert.Equal(DomainErrors.TaskWrongUnit, refusal.Code);
        Assert.False(task.IsDone);
    }

    [Fact]
    public void A_unit_cannot_accept_the_task_of_another_unit_of_the_same_case()
    {
        var @case = new CaseBuilder().In(CaseState.Disposing);
        @case.AssignTask(Actors.SectionChief, Clock.Now, Units.Village, "入户核实", Clock.Now.AddDays(1));
        var othersTask = @case.AssignTask(Actors.SectionChief, Clock.Now, Units.CoHandling, "检测水样", Clock.Now.AddDays(1));
        Database.Save(@case);

        var refusal = Assert.Throws<DomainException>(() => @case.AcceptTask(Actors.VillageCadre, Clock.Now, othersTask.Id));

        Assert.Equal(DomainErrors.TaskWrongUnit, refusal.Code);
        Assert.Equal(CaseTaskStatus.Pending, othersTask.Status);
    }

    [Fact]
    public void Feedback_needs_text()
    {
        var @case = new CaseBuilder().ReadyTo(CaseTrigger.GiveTaskFeedback).In(CaseState.Disposing);
        var task = Assert.Single(@case.Tasks);

        var refusal = Assert.Throws<DomainException>(() => @case.GiveTaskFeedback(Actors.VillageCadre, Clock.Now, task.Id, " "));

        Assert.Equal(DomainErrors.CommentRequired, refusal.Code);
        Assert.False(task.IsDone);
    }

    [Fact]
    public void The_tasks_unit_sees_the_case_and_acts_on_its_task_only()
    {
        var @case = new CaseBuilder().ReadyTo(CaseTrigger.AcceptTask).In(CaseState.Disposing);
        var village = Actors.VillageCadre;
        Assert.False(@case.IsHandledBy(village));
        Assert.True(@case.IsVisibleTo(village));

        var beyondTheTask = CaseWorkflow.Transitions
            .Where(t => t.From == CaseState.Disposing)
            .Select(t => t.Trigger)
            .Except([CaseTrigger.AcceptTask, CaseTrigger.GiveTaskFeedback, CaseTrigger.Comment]);
        Assert.All(beyondTheTask, trigger => Assert.Equal(DomainErrors.NoAccess, @case.Check(trigger, village)));
        var refusal = Assert.Throws<DomainException>(() => @case.AssignTask(village, Clock.Now, Units.Village, "再核实", Clock.Now));
        Assert.Equal(DomainErrors.NoAccess, refusal.Code);

        var task = Assert.Single(@case.Tasks);
        @case.AcceptTask(village, Clock.Now, task.Id);
        @case.GiveTaskFeedback(village, Clock.Now, task.Id, "已核实");

        Assert.True(task.IsDone);
    }
}
