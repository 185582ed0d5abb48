using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Cases.Ownership;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Cases;

/// <summary>A section chief assigns the owner and the lead/co-units: audited, on the timeline, the new owner notified.</summary>
[Collection(LifecycleDesk.Name)]
public class ReassignCaseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private async Task<ReassignCase.Command> CommandAsync(int caseId, DemoAccount owner, string lead, params string[] coUnits) => new()
    {
        CaseId = caseId,
        ExpectedVersion = await desk.VersionAsync(caseId),
        OwnerId = desk.Actor(owner).UserId,
        ResponsibleUnitId = desk.Unit(lead),
        CoUnitIds = coUnits.Select(desk.Unit).ToList(),
    };

    [Fact]
    public async Task A_chief_makes_the_analyst_owner_and_moves_the_lead_to_another_unit()
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Assessing);
        var auditBefore = await desk.LastAuditIdAsync();

        await desk.SendAsync(DemoAccounts.Chief,
            await CommandAsync(caseId, DemoAccounts.ConstructionOfficer, DemoAccounts.Construction, DemoAccounts.TownOffice, DemoAccounts.BinjiangVillage));

        var stored = await desk.CaseAsync(caseId);
        Assert.Equal((desk.Actor(DemoAccounts.ConstructionOfficer).UserId, "吴芳"), (stored.OwnerId, stored.OwnerName));
        Assert.Equal(desk.Unit(DemoAccounts.Construction), stored.ResponsibleUnitId);
        Assert.Equal([desk.Unit(DemoAccounts.TownOffice), desk.Unit(DemoAccounts.BinjiangVillage)], stored.CoUnits.Select(c => c.UnitId).Order());
        var entry = stored.Timeline[^1];
        Assert.Equal((nameof(CaseTrigger.Reassign), "王强", "张伟 → 吴芳"), (entry.Action, entry.ActorName, entry.Detail));
        Assert.Equal(CaseState.Assessing, stored.State);

        var audit = (await desk.AuditOfCaseAsync(caseId)).Where(a => a.Id > auditBefore).ToList();
        Assert.Contains(audit, a => a.Action.Contains(nameof(CaseTrigger.Reassign), StringComparison.Ordinal)
                                    && a.Changes!.Contains("吴芳", StringComparison.Ordinal) && a.Changes.Contains("张伟", StringComparison.Ordinal));

        await using var db = await desk.App.CreateDbContextAsync();
        var notified = await db.Notifications.AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == NotificationKind.CaseAssigned).ToListAsync();
        Assert.Equal([desk.Actor(DemoAccounts.ConstructionOfficer).UserId], notified.Select(n => n.UserId));
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("duty")]
    [InlineData("head")]
    [InlineData("press")]
    public async Task Only_a_section_chief_may_reassign(string userName)
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Collected);
        var command = await CommandAsync(caseId, DemoAccounts.Analyst, DemoAccounts.TownOffice);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.All.Single(a => a.UserName == userName), command));
        Assert.Equal(desk.Actor(DemoAccounts.Duty).UserId, (await desk.CaseAsync(caseId)).OwnerId);
    }

    [Theory]
    [InlineData("press")]
    [InlineData("head")]
    [InlineData("supervisor")]
    public async Task The_new_owner_must_hold_a_role_that_owns_cases(string userName)
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Collected);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief,
            CommandAsync(caseId, DemoAccounts.All.Single(a => a.UserName == userName), DemoAccounts.TownOffice).Result), nameof(ReassignCase.Command.OwnerId));
        Assert.Equal(desk.Actor(DemoAccounts.Duty).UserId, (await desk.CaseAsync(caseId)).OwnerId);
    }

    [Fact]
    public async Task A_closed_case_is_not_reassigned()
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Closed);

        await Expect.RefusedAsync(async () => await desk.SendAsync(DemoAccounts.Chief, await CommandAsync(caseId, DemoAccounts.Analyst, DemoAccounts.TownOffice)),
            DomainErrors.TriggerNotAllowed);
    }
}
