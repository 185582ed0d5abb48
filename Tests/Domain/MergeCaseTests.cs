using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class MergeCaseTests
{
    [Fact]
    public void A_case_cannot_be_merged_into_itself()
    {
        var @case = new CaseBuilder().In(CaseState.Assessing);

        var refusal = Assert.Throws<DomainException>(() => @case.MergeInto(Actors.SectionChief, Clock.Now, @case));

        Assert.Equal(DomainErrors.MergeTargetInvalid, refusal.Code);
        Assert.Equal(CaseState.Assessing, @case.State);
    }

    [Theory]
    [InlineData(CaseState.Closed)]
    [InlineData(CaseState.Dismissed)]
    [InlineData(CaseState.Merged)]
    public void A_case_cannot_be_merged_into_a_finished_case(CaseState targetState)
    {
        var @case = new CaseBuilder().In(CaseState.Assessing);
        var target = new CaseBuilder().In(targetState);
        var targetVersion = target.Version;

        var refusal = Assert.Throws<DomainException>(() => @case.MergeInto(Actors.SectionChief, Clock.Now, target));

        Assert.Equal(DomainErrors.MergeTargetInvalid, refusal.Code);
        Assert.Equal(CaseState.Assessing, @case.State);
        Assert.Equal(targetVersion, target.Version);
    }

    [Fact]
    public void A_case_merged_into_an_open_case_is_noted_on_the_target()
    {
        var @case = new CaseBuilder().In(CaseState.Assessing);
        var target = new CaseBuilder().In(CaseState.Disposing);
        var targetVersion = target.Version;

        @case.MergeInto(Actors.SectionChief, Clock.Now, target);

        Assert.Equal((CaseState.Merged, target.Id), (@case.State, @case.MergedIntoCaseId));
        Assert.Equal(CaseState.Disposing, target.State);
        var note = target.Timeline[^1];
        Assert.Equal(("MergedFrom", @case.Number, Actors.SectionChief.DisplayName), (note.Action, note.Detail, note.ActorName));
        Assert.Equal(targetVersion + 1, target.Version);
        Assert.Equal(CaseTrigger.Merge, Assert.Single(target.DomainEvents.OfType<CaseActivityRecorded>()).Trigger);
    }
}
