using OpinionResponse.App.Features.Cases.Plan;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Cases;

internal static class Plans
{
    public static SavePlan.Command Draft(int caseId, int version, string measures = "排查管网，发放临时饮用水") => new()
    {
        CaseId = caseId,
        ExpectedVersion = version,
        Measures = measures,
        ResponsiblePersons = "城建办 周杰",
        OfflineActions = "入户走访",
        ResponseApproach = "政务微博通报",
    };
}

[Collection(AssessmentAndPlanDesk.Name)]
public class SavePlanTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task An_analyst_saves_the_first_draft_of_the_plan()
    {
        var id = await desk.NewCase().WithoutPlan().InAsync(CaseState.PlanDrafting);

        await desk.SendAsync(DemoAccounts.Analyst, Plans.Draft(id, await desk.VersionAsync(id), " 排查管网 "));

        var @case = await desk.CaseAsync(id);
        var plan = Assert.Single(@case.Plans);
        Assert.Equal((1, PlanStatus.Draft, "排查管网", "城建办 周杰", "入户走访", "政务微博通报"),
            (plan.Version, plan.Status, plan.Measures, plan.ResponsiblePersons, plan.OfflineActions, plan.ResponseApproach));
        Assert.Equal(desk.Actor(DemoAccounts.Analyst).UserId, plan.DraftedById);
        Assert.Equal(CaseState.PlanDrafting, @case.State);
    }

    [Fact]
    public async Task Saving_again_revises_the_same_draft()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanDrafting);

        await desk.SendAsync(DemoAccounts.Analyst, Plans.Draft(id, await desk.VersionAsync(id), "第二稿"));

        var plan = Assert.Single((await desk.CaseAsync(id)).Plans);
        Assert.Equal("第二稿", plan.Measures);
    }

    [Fact]
    public async Task A_section_chief_cannot_draft_the_plan()
    {
        var id = await desk.NewCase().WithoutPlan().InAsync(CaseState.PlanDrafting);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Chief, Plans.Draft(id, 0)));

        Assert.Empty((await desk.CaseAsync(id)).Plans);
    }

    [Fact]
    public async Task Every_part_of_the_plan_is_required()
    {
        var id = await desk.NewCase().WithoutPlan().InAsync(CaseState.PlanDrafting);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Analyst, new SavePlan.Command { CaseId = id }),
            "Measures", "ResponsiblePersons", "OfflineActions", "ResponseApproach");
    }
}

[Collection(AssessmentAndPlanDesk.Name)]
public class SubmitPlanTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_complete_plan_goes_for_signature()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanDrafting);

        await desk.SendAsync(DemoAccounts.Analyst, new SubmitPlan.Command(id));

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.PlanApproval, @case.State);
        Assert.Equal(PlanStatus.Submitted, Assert.Single(@case.Plans).Status);
    }

    [Fact]
    public async Task Without_a_plan_nothing_is_submitted()
    {
        var id = await desk.NewCase().WithoutPlan().InAsync(CaseState.PlanDrafting);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new SubmitPlan.Command(id)), DomainErrors.PlanIncomplete);

        Assert.Equal(CaseState.PlanDrafting, (await desk.CaseAsync(id)).State);
    }
}

[Collection(AssessmentAndPlanDesk.Name)]
public class SignPlanTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_section_chiefs_signature_approves_a_general_plan_and_disposal_begins()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanApproval);

        await desk.SendAsync(DemoAccounts.Chief, new SignPlan.Command { CaseId = id, Comment = " 同意 " });

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Disposing, @case.State);
        var plan = Assert.Single(@case.Plans);
        Assert.Equal(PlanStatus.Approved, plan.Status);
        var signature = Assert.Single(plan.Signatures);
        Assert.Equal((desk.Actor(DemoAccounts.Chief).UserId, Role.SectionChief, "同意"), (signature.SignerId, signature.Role, signature.Comment));
    }

    [Fact]
    public async Task A_duty_officer_cannot_sign_a_plan()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanApproval);
        var version = await desk.VersionAsync(id);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Duty, new SignPlan.Command { CaseId = id }));

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.PlanApproval, @case.State);
        Assert.Equal(version, @case.Version);
        var plan = Assert.Single(@case.Plans);
        Assert.Equal(PlanStatus.Submitted, plan.Status);
        Assert.Empty(plan.Signatures);
        var audit = (await desk.AuditOfCaseAsync(id)).Last();
        Assert.Equal(("SignPlan.Command", AuditOutcome.Refused, desk.Actor(DemoAccounts.Duty).UserId), (audit.Action, audit.Outcome, audit.UserId));
    }

    [Fact]
    public async Task Unit_head_signature_is_required_for_major_cases()
    {
        var id = await desk.NewCase().Major().InAsync(CaseState.PlanApproval);

        await desk.SendAsync(DemoAccounts.Chief, new SignPlan.Command { CaseId = id });

        var halfSigned = await desk.CaseAsync(id);
        Assert.Equal(CaseState.PlanApproval, halfSigned.State);
        Assert.Equal(PlanStatus.Submitted, Assert.Single(halfSigned.Plans).Status);
        Assert.Contains(CaseTrigger.SignPlan, (await desk.DetailAsync(id, DemoAccounts.Head)).AvailableActions);

        await desk.SendAsync(DemoAccounts.Head, new SignPlan.Command { CaseId = id });

        var signed = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Disposing, signed.State);
        var plan = Assert.Single(signed.Plans);
        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Equal([Role.SectionChief, Role.UnitHead], plan.Signatures.Select(s => s.Role).Order());
    }

    [Fact]
    public async Task A_signer_cannot_sign_twice()
    {
        var id = await desk.NewCase().Major().InAsync(CaseState.PlanApproval);
        await desk.SendAsync(DemoAccounts.Chief, new SignPlan.Command { CaseId = id });

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, new SignPlan.Command { CaseId = id }), DomainErrors.AlreadySigned);

        Assert.Single(Assert.Single((await desk.CaseAsync(id)).Plans).Signatures);
    }

    [Fact]
    public async Task The_unit_head_alone_cannot_approve_a_general_plan()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanApproval);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Head, new SignPlan.Command { CaseId = id }), DomainErrors.SignatureNotNeeded);

        Assert.Equal(CaseState.PlanApproval, (await desk.CaseAsync(id)).State);
    }
}

[Collection(AssessmentAndPlanDesk.Name)]
public class RejectPlanTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_rejected_plan_goes_back_to_drafting_and_the_next_save_starts_version_two()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanApproval);

        await desk.SendAsync(DemoAccounts.Head, new RejectPlan.Command { CaseId = id, Comment = " 措施不具体 " });

        var rejected = await desk.CaseAsync(id);
        Assert.Equal(CaseState.PlanDrafting, rejected.State);
        var plan = Assert.Single(rejected.Plans);
        Assert.Equal((PlanStatus.Rejected, "措施不具体", DemoAccounts.Head.DisplayName), (plan.Status, plan.RejectionComment, plan.RejectedBy));

        await desk.SendAsync(DemoAccounts.Analyst, Plans.Draft(id, rejected.Version, "细化措施"));

        var revised = await desk.CaseAsync(id);
        Assert.Equal([(1, PlanStatus.Rejected), (2, PlanStatus.Draft)], revised.Plans.OrderBy(p => p.Version).Select(p => (p.Version, p.Status)));
    }

    [Fact]
    public async Task An_analyst_cannot_reject_a_plan()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanApproval);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Analyst, new RejectPlan.Command { CaseId = id, Comment = "不行" }));

        Assert.Equal(CaseState.PlanApproval, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_rejection_needs_a_comment()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanApproval);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief, new RejectPlan.Command { CaseId = id, Comment = "" }), "Comment");

        Assert.Equal(CaseState.PlanApproval, (await desk.CaseAsync(id)).State);
    }
}
