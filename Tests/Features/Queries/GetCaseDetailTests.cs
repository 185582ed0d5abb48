using OpinionResponse.App.Features.Cases;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Queries;

[Collection(QueryDesk.Name)]
public class GetCaseDetailTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_detail_shows_the_case_its_items_and_its_units()
    {
        var id = await desk.NewCase().InUnit(DemoAccounts.Construction).CoHandledBy(DemoAccounts.BinjiangVillage).InAsync(CaseState.Collected);

        var detail = await desk.DetailAsync(id, DemoAccounts.Duty);

        Assert.Equal(id, detail.Case.Id);
        Assert.Equal("城建办", detail.ResponsibleUnitName);
        Assert.Equal(["滨江村委会"], detail.CoUnitNames);
        var item = Assert.Single(detail.Items);
        Assert.Equal("13800000000", item.Contact);
        Assert.True(detail.RaiserReachable);
        Assert.Equal(RiskLevel.General, detail.Score.SuggestedLevel);
        Assert.Equal([Role.SectionChief], detail.RequiredSignatureRoles);
        Assert.Null(detail.MergedIntoNumber);
    }

    public static TheoryData<string, CaseTrigger[]> ActionsInCollected => new()
    {
        { DemoAccounts.Duty.UserName, [CaseTrigger.StartAssessment, CaseTrigger.EditSummary, CaseTrigger.Comment] },
        { DemoAccounts.Analyst.UserName, [CaseTrigger.StartAssessment, CaseTrigger.EditSummary, CaseTrigger.Comment] },
        { DemoAccounts.Chief.UserName, [CaseTrigger.Dismiss, CaseTrigger.Merge, CaseTrigger.EditSummary, CaseTrigger.Comment, CaseTrigger.Reassign] },
        { DemoAccounts.Head.UserName, [CaseTrigger.Comment] },
        { DemoAccounts.Press.UserName, [CaseTrigger.Comment] },
        { DemoAccounts.Supervisor.UserName, [] },
    };

    [Theory]
    [MemberData(nameof(ActionsInCollected))]
    public async Task A_collected_case_offers_each_role_exactly_its_actions(string userName, CaseTrigger[] expected)
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);
        var viewer = DemoAccounts.All.Single(a => a.UserName == userName);

        var detail = await desk.DetailAsync(id, viewer);

        Assert.Equal(expected.Order(), detail.AvailableActions.Order());
    }

    [Fact]
    public async Task A_plan_awaiting_signature_offers_signing_to_the_signer_and_not_to_its_drafter()
    {
        var id = await desk.NewCase().InAsync(CaseState.PlanApproval);

        var chief = await desk.DetailAsync(id, DemoAccounts.Chief);
        var head = await desk.DetailAsync(id, DemoAccounts.Head);
        var analyst = await desk.DetailAsync(id, DemoAccounts.Analyst);

        Assert.Contains(CaseTrigger.SignPlan, chief.AvailableActions);
        Assert.Contains(CaseTrigger.RejectPlan, chief.AvailableActions);
        Assert.DoesNotContain(CaseTrigger.SignPlan, head.AvailableActions);
        Assert.Contains(CaseTrigger.RejectPlan, head.AvailableActions);
        Assert.DoesNotContain(CaseTrigger.SignPlan, analyst.AvailableActions);
        Assert.Contains(CaseTrigger.RecordReport, analyst.AvailableActions);
    }

    [Fact]
    public async Task An_unknown_case_is_not_found()
    {
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.Chief, new GetCaseDetail.Query(876543)));
    }

    [Fact]
    public async Task An_admin_does_not_read_cases()
    {
        var id = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Admin, new GetCaseDetail.Query(id)));
    }
}
