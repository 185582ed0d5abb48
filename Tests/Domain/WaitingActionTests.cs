using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>
/// An action the user expects but may not take yet is explained with its guard's reason, from the transition table: the
/// same rule that refuses it. Only the user's own actions, and only guards that say what the action waits for.
/// </summary>
public class WaitingActionTests
{
    [Fact]
    public void Close_waits_for_an_open_task_and_is_offered_once_it_is_answered()
    {
        var @case = new CaseBuilder().In(CaseState.Published);
        var task = @case.AssignTask(Actors.SectionChief, Clock.Now, Units.Village, "回访村民", Clock.Now.AddDays(1));

        Assert.Contains((CaseTrigger.Close, DomainErrors.TasksOpen), @case.WaitingTriggers(Actors.SectionChief));
        Assert.DoesNotContain(CaseTrigger.Close, @case.AvailableTriggers(Actors.SectionChief));

        @case.GiveTaskFeedback(Actors.VillageCadre, Clock.Now, task.Id, "已回访");
        Assert.DoesNotContain(@case.WaitingTriggers(Actors.SectionChief), w => w.Trigger == CaseTrigger.Close);
        Assert.Contains(CaseTrigger.Close, @case.AvailableTriggers(Actors.SectionChief));
    }

    [Fact]
    public void Submitting_the_report_of_a_major_case_waits_for_the_higher_level_report()
    {
        var @case = new CaseBuilder().Major().WithoutReport().In(CaseState.Reporting);
        @case.RecordReport(Actors.Analyst, Clock.Now, ReportLevel.OwnLevel, "党政办主任", "电话", Clock.Now, "已报本级");

        Assert.Contains((CaseTrigger.SubmitReport, DomainErrors.HigherLevelReportMissing), @case.WaitingTriggers(Actors.Analyst));
    }

    [Fact]
    public void Nothing_is_explained_to_a_role_the_action_is_not_for_nor_when_there_is_nothing_to_act_on()
    {
        var @case = new CaseBuilder().In(CaseState.Published);
        @case.AssignTask(Actors.SectionChief, Clock.Now, Units.Village, "回访村民", Clock.Now.AddDays(1));

        // Closing is the chief's: the press officer is not told what it waits for.
        Assert.DoesNotContain(@case.WaitingTriggers(Actors.PressOfficer), w => w.Trigger == CaseTrigger.Close);
        // The task is the village's: the opinion office's analyst has no task to accept, and is not told so on every case.
        Assert.DoesNotContain(@case.WaitingTriggers(Actors.Analyst), w => w.Trigger is CaseTrigger.AcceptTask or CaseTrigger.GiveTaskFeedback);
    }
}
