using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class CloseCaseTests
{
    [Fact]
    public void A_case_with_an_open_task_cannot_be_closed()
    {
        var @case = new CaseBuilder().In(CaseState.Published);
        var task = @case.AssignTask(Actors.SectionChief, Clock.Now, Units.Village, "回访村民", Clock.Now.AddDays(1));
        Database.Save(@case);

        var refusal = Assert.Throws<DomainException>(() => Close(@case, "已办结", null, false));
        Assert.Equal(DomainErrors.TasksOpen, refusal.Code);
        Assert.Equal(CaseState.Published, @case.State);

        @case.GiveTaskFeedback(Actors.VillageCadre, Clock.Now, task.Id, "已回访");
        Close(@case, "已办结", null, false);
        Assert.Equal(CaseState.Closed, @case.State);
    }

    [Fact]
    public void Closing_needs_a_summary()
    {
        var @case = new CaseBuilder().In(CaseState.Published);

        var refusal = Assert.Throws<DomainException>(() => Close(@case, " ", null, false));

        Assert.Equal(DomainErrors.SummaryRequired, refusal.Code);
        Assert.Equal(CaseState.Published, @case.State);
    }

    [Fact]
    public void Closing_needs_feedback_to_a_raiser_the_desk_can_reach()
    {
        var @case = new CaseBuilder().In(CaseState.Published);

        var refusal = Assert.Throws<DomainException>(() => Close(@case, "已办结", "  ", raiserReachable: true));
        Assert.Equal(DomainErrors.RaiserFeedbackRequired, refusal.Code);

        Close(@case, " 已办结 ", " 已电话告知来电人 ", raiserReachable: true);
        Assert.Equal(CaseState.Closed, @case.State);
        Assert.Equal(("已办结", "已电话告知来电人", Clock.Now), (@case.CloseSummary, @case.RaiserFeedback, @case.ClosedAt));
    }

    [Fact]
    public void A_case_still_needing_its_response_cannot_close_from_Disposing()
    {
        var @case = new CaseBuilder().In(CaseState.Disposing);

        var refusal = Assert.Throws<DomainException>(() => Close(@case, "已办结", null, false));

        Assert.Equal(DomainErrors.ResponseStillNeeded, refusal.Code);
        Assert.Equal(CaseState.Disposing, @case.State);
    }

    [Fact]
    public void A_case_needing_no_response_closes_from_Disposing()
    {
        var @case = new CaseBuilder().NoResponseNeeded().In(CaseState.Disposing);

        Close(@case, "已办结", null, false);

        Assert.Equal(CaseState.Closed, @case.State);
        Assert.False(@case.IsOpen);
    }

    private static void Close(Case @case, string summary, string? raiserFeedback, bool raiserReachable) =>
        @case.Close(Actors.SectionChief, Clock.Now, summary, raiserFeedback, raiserReachable);
}
