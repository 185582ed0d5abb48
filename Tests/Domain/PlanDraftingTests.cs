using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class PlanDraftingTests
{
    [Theory]
    [InlineData("", "刘站长", "入户走访", "发布通报")]
    [InlineData("送检水样", " ", "入户走访", "发布通报")]
    [InlineData("送检水样", "刘站长", "", "发布通报")]
    [InlineData("送检水样", "刘站长", "入户走访", "  ")]
    public void An_incomplete_plan_cannot_be_submitted(string measures, string persons, string offline, string approach)
    {
        var @case = new CaseBuilder().In(CaseState.PlanDrafting);
        @case.SavePlan(Actors.Analyst, Clock.Now, measures, persons, offline, approach);

        var refusal = Assert.Throws<DomainException>(() => @case.SubmitPlan(Actors.Analyst, Clock.Now));

        Assert.Equal(DomainErrors.PlanIncomplete, refusal.Code);
        Assert.Equal(CaseState.PlanDrafting, @case.State);
        Assert.Equal(PlanStatus.Draft, @case.CurrentPlan!.Status);
    }

    [Fact]
    public void Saving_again_edits_the_same_draft()
    {
        var @case = new CaseBuilder().In(CaseState.PlanDrafting);

        @case.SavePlan(Actors.Analyst, Clock.Now, "送检水样 ", "刘站长", "入户走访", "发布通报");

        var plan = Assert.Single(@case.Plans);
        Assert.Equal((1, "送检水样"), (plan.Version, plan.Measures));
    }

    [Fact]
    public void Rejecting_a_plan_needs_a_comment()
    {
        var @case = new CaseBuilder().In(CaseState.PlanApproval);

        var refusal = Assert.Throws<DomainException>(() => @case.RejectPlan(Actors.SectionChief, Clock.Now, " "));

        Assert.Equal(DomainErrors.CommentRequired, refusal.Code);
        Assert.Equal(CaseState.PlanApproval, @case.State);
        Assert.Equal(PlanStatus.Submitted, @case.CurrentPlan!.Status);
    }

    [Fact]
    public void A_rejected_plan_goes_back_to_drafting_and_the_next_save_is_version_2()
    {
        var @case = new CaseBuilder().In(CaseState.PlanApproval);

        @case.RejectPlan(Actors.SectionChief, Clock.Now, "措施不具体");

        Assert.Equal(CaseState.PlanDrafting, @case.State);
        var rejected = @case.CurrentPlan!;
        Assert.Equal((PlanStatus.Rejected, "措施不具体", Actors.SectionChief.DisplayName),
            (rejected.Status, rejected.RejectionComment, rejected.RejectedBy));
        Assert.Equal(DomainErrors.PlanIncomplete, @case.Check(CaseTrigger.SubmitPlan, Actors.Analyst));

        @case.SavePlan(Actors.Analyst, Clock.Now, "停止供水并送检水样，每日通报", "刘站长", "入户走访", "发布通报");

        Assert.Equal([1, 2], @case.Plans.Select(p => p.Version));
        Assert.Equal((2, PlanStatus.Draft), (@case.CurrentPlan!.Version, @case.CurrentPlan.Status));
        Assert.Equal(PlanStatus.Rejected, rejected.Status);
        @case.SubmitPlan(Actors.Analyst, Clock.Now);
        Assert.Equal(CaseState.PlanApproval, @case.State);
    }
}
