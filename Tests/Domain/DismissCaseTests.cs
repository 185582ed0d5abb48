using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class DismissCaseTests
{
    [Theory]
    [InlineData(CaseState.Collected)]
    [InlineData(CaseState.Assessing)]
    public void Dismissing_needs_a_reason(CaseState state)
    {
        var @case = new CaseBuilder().In(state);

        var refusal = Assert.Throws<DomainException>(() => @case.Dismiss(Actors.SectionChief, Clock.Now, "  "));

        Assert.Equal(DomainErrors.ReasonRequired, refusal.Code);
        Assert.Equal(state, @case.State);
    }

    [Theory]
    [InlineData(CaseState.Collected)]
    [InlineData(CaseState.Assessing)]
    public void A_dismissed_case_keeps_its_reason(CaseState state)
    {
        var @case = new CaseBuilder().In(state);

        @case.Dismiss(Actors.SectionChief, Clock.Now, " 系外地事件 ");

        Assert.Equal((CaseState.Dismissed, "系外地事件"), (@case.State, @case.DismissReason));
        Assert.False(@case.IsOpen);
    }
}
