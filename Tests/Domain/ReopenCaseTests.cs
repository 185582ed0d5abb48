using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class ReopenCaseTests
{
    [Fact]
    public void Reopening_needs_a_reason()
    {
        var @case = new CaseBuilder().In(CaseState.Closed);

        var refusal = Assert.Throws<DomainException>(() => @case.Reopen(Actors.SectionChief, Clock.Now, ""));

        Assert.Equal(DomainErrors.ReasonRequired, refusal.Code);
        Assert.Equal(CaseState.Closed, @case.State);
    }

    [Fact]
    public void A_rebound_reopens_a_closed_case_for_assessment()
    {
        var @case = new CaseBuilder().In(CaseState.Closed);

        @case.Reopen(Actors.SectionChief, Clock.Now.AddDays(3), " 舆情反弹 ");

        Assert.Equal((CaseState.Assessing, "舆情反弹"), (@case.State, @case.ReopenReason));
        Assert.Null(@case.ClosedAt);
        Assert.True(@case.IsOpen);
    }
}
