using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class SignPlanTests
{
    [Fact]
    public void A_signer_cannot_sign_a_plan_they_drafted()
    {
        var analystChief = Actors.Member("analyst-chief", "科长兼研判员 何", Role.Analyst, Role.SectionChief);
        var @case = new CaseBuilder().In(CaseState.PlanDrafting);
        @case.SavePlan(analystChief, Clock.Now, "停止供水并送检水样", "刘站长", "入户走访", "发布通报");
        @case.SubmitPlan(analystChief, Clock.Now);

        var refusal = Assert.Throws<DomainException>(() => @case.SignPlan(analystChief, Clock.Now, null));

        Assert.Equal(DomainErrors.SignerDraftedPlan, refusal.Code);
        Assert.Empty(@case.CurrentPlan!.Signatures);
        Assert.DoesNotContain(CaseTrigger.SignPlan, @case.AvailableTriggers(analystChief));
    }

    [Fact]
    public void Section_chief_signature_alone_approves_a_general_case()
    {
        var @case = new CaseBuilder().In(CaseState.PlanApproval);
        Assert.Equal([Role.SectionChief], @case.RequiredSignatureRoles());

        @case.SignPlan(Actors.SectionChief, Clock.Now, " 同意 ");

        Assert.Equal(CaseState.Disposing, @case.State);
        var plan = @case.CurrentPlan!;
        Assert.Equal(PlanStatus.Approved, plan.Status);
        var signature = Assert.Single(plan.Signatures);
        Assert.Equal((Actors.SectionChief.UserId, Role.SectionChief, "同意"), (signature.SignerId, signature.Role, signature.Comment));
        var signed = Assert.Single(@case.DomainEvents.OfType<PlanSigned>());
        Assert.Equal((1, Role.SectionChief, true), (signed.PlanVersion, signed.Role, signed.FullySigned));
    }

    [Fact]
    public void Unit_head_signature_is_required_for_major_cases()
    {
        var @case = new CaseBuilder().Major().In(CaseState.PlanApproval);
        Assert.Equal([Role.SectionChief, Role.UnitHead], @case.RequiredSignatureRoles());

        @case.SignPlan(Actors.SectionChief, Clock.Now, null);

        Assert.Equal(CaseState.PlanApproval, @case.State);
        Assert.Equal(PlanStatus.Submitted, @case.CurrentPlan!.Status);
        Assert.False(Assert.Single(@case.DomainEvents.OfType<PlanSigned>()).FullySigned);
        Assert.Equal(CaseTrigger.SignPlan, Assert.Single(@case.DomainEvents.OfType<CaseActivityRecorded>()).Trigger);
        Assert.Contains(CaseTrigger.SignPlan, @case.AvailableTriggers(Actors.UnitHead));

        @case.SignPlan(Actors.UnitHead, Clock.Now, null);

        Assert.Equal(CaseState.Disposing, @case.State);
        Assert.Equal(PlanStatus.Approved, @case.CurrentPlan.Status);
        Assert.Equal([Role.SectionChief, Role.UnitHead], @case.CurrentPlan.Signatures.Select(s => s.Role));
    }

    [Fact]
    public void The_same_person_cannot_sign_twice()
    {
        var chiefAndHead = Actors.Member("chief-head", "科长兼分管领导 郑", Role.SectionChief, Role.UnitHead);
        var @case = new CaseBuilder().Major().In(CaseState.PlanApproval);
        @case.SignPlan(chiefAndHead, Clock.Now, null);

        var refusal = Assert.Throws<DomainException>(() => @case.SignPlan(chiefAndHead, Clock.Now, null));

        Assert.Equal(DomainErrors.AlreadySigned, refusal.Code);
        Assert.Single(@case.CurrentPlan!.Signatures);
        Assert.Equal(CaseState.PlanApproval, @case.State);
    }

    [Fact]
    public void A_signature_of_a_role_already_signed_is_not_needed()
    {
        var secondChief = Actors.Member("chief-2", "副科长 冯", Role.SectionChief);
        var @case = new CaseBuilder().Major().In(CaseState.PlanApproval);
        @case.SignPlan(Actors.SectionChief, Clock.Now, null);

        var refusal = Assert.Throws<DomainException>(() => @case.SignPlan(secondChief, Clock.Now, null));

        Assert.Equal(DomainErrors.SignatureNotNeeded, refusal.Code);
    }
}
