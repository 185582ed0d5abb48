using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Cases.Tasks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>
/// SECURITY.md Z2: a user of one unit reaches no case of another unit, by id or by any list. Only the opinion office
/// (党政办) and Supervisors see every case; co-handling units and units a task was sent to see that case.
/// </summary>
[Collection(SecurityDesk.Name)]
public class UnitScopeTests(DeskFixture fixture)
{
    private static readonly DemoAccount[] Outsiders =
        [DemoAccounts.ConstructionChief, DemoAccounts.ConstructionOfficer, DemoAccounts.VillageOfficer];

    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Another_units_case_is_not_found_by_id()
    {
        var id = await desk.NewCase().InUnit(DemoAccounts.SocialAffairs).InAsync(CaseState.Disposing);

        foreach (var outsider in Outsiders)
        {
            await Expect.NotFoundAsync(() => desk.SendAsync(outsider, new GetCaseDetail.Query(id)));
        }
    }

    [Fact]
    public async Task Every_request_about_another_units_case_is_not_found_whatever_the_roles_and_changes_nothing()
    {
        var id = await desk.NewCase().InUnit(DemoAccounts.SocialAffairs).InAsync(CaseState.Disposing);
        var version = await desk.VersionAsync(id);
        var lastAudit = await desk.LastAuditIdAsync();
        var construction = desk.Actor(DemoAccounts.ConstructionChief);
        // Every role at once, the administrator's too (the clock watcher's requests declare it): none reaches another unit's case.
        var forger = construction with { Roles = Enum.GetValues<Role>().ToHashSet() };

        foreach (var request in AppRequests.CaseRequests)
        {
            var error = await Record.ExceptionAsync(() => desk.App.SendMessageAsync(forger, AppRequests.Create(request, id)));
            Assert.True(error is NotFoundException, $"{request.FullName}: {error?.GetType().Name ?? "succeeded"}");
        }

        Assert.Equal(version, await desk.VersionAsync(id));
        var audit = await desk.AuditSinceAsync(lastAudit);
        Assert.NotEmpty(audit);
        Assert.All(audit, a => Assert.Equal((AuditOutcome.Refused, forger.UserId), (a.Outcome, a.UserId)));
    }

    [Fact]
    public async Task The_real_accounts_of_other_units_are_refused_every_request_about_the_case()
    {
        var id = await desk.NewCase().InUnit(DemoAccounts.SocialAffairs).InAsync(CaseState.Disposing);
        var version = await desk.VersionAsync(id);

        foreach (var outsider in Outsiders)
        {
            foreach (var request in AppRequests.CaseRequests)
            {
                var error = await Record.ExceptionAsync(() => desk.App.SendMessageAsync(desk.Actor(outsider), AppRequests.Create(request, id)));
                Assert.True(error is NotFoundException or ForbiddenException,
                    $"{outsider.UserName} {request.FullName}: {error?.GetType().Name ?? "succeeded"}");
            }
        }

        Assert.Equal(version, await desk.VersionAsync(id));
    }

    [Fact]
    public async Task No_list_shows_a_case_of_another_unit()
    {
        var tag = Desk.Tag();
        var own = await desk.NewCase().Titled($"{tag} 城建办").InUnit(DemoAccounts.Construction).InAsync(CaseState.Collected);
        var social = await desk.NewCase().Titled($"{tag} 社会事务办").InUnit(DemoAccounts.SocialAffairs).InAsync(CaseState.Collected);
        await desk.NewCase().Titled($"{tag} 综治办").InUnit(DemoAccounts.Comprehensive).InAsync(CaseState.Assessing);
        await desk.NewCase().Titled($"{tag} 党政办").InAsync(CaseState.Collected);
        var officer = DemoAccounts.ConstructionOfficer;
        var dutyId = desk.Actor(DemoAccounts.Duty).UserId;
        var socialNumber = (await desk.CaseAsync(social)).Number;

        ListCases.Query[] queries =
        [
            new() { Search = tag },
            new() { Search = tag, State = CaseState.Collected },
            new() { Search = tag, OpenOnly = true, Sort = ListCases.SortBy.Risk },
            new() { Search = tag, OwnerId = dutyId },
            new() { Search = tag, UnitId = desk.Unit(DemoAccounts.SocialAffairs) },
            new() { Search = tag, UnitId = desk.Unit(DemoAccounts.Comprehensive), State = CaseState.Assessing },
            new() { Search = socialNumber },
        ];
        foreach (var query in queries)
        {
            var result = await desk.SendAsync(officer, query);
            Assert.All(result.Rows, r => Assert.Equal(own, r.Id));
            Assert.Equal(result.Rows.Count, result.Total);
        }

        Assert.Equal(own, Assert.Single((await desk.SendAsync(officer, new ListCases.Query { Search = tag })).Rows).Id);
        Assert.Empty((await desk.SendAsync(DemoAccounts.VillageOfficer, new ListCases.Query { Search = tag })).Rows);
    }

    [Fact]
    public async Task The_unfiltered_list_holds_exactly_the_cases_the_domain_lets_the_user_see()
    {
        await desk.NewCase().InUnit(DemoAccounts.Construction).InAsync(CaseState.Collected);
        await desk.NewCase().InUnit(DemoAccounts.SocialAffairs).CoHandledBy(DemoAccounts.Construction).InAsync(CaseState.Collected);
        await desk.NewCase().InUnit(DemoAccounts.Comprehensive).InAsync(CaseState.Collected);

        foreach (var outsider in Outsiders.Append(DemoAccounts.Duty).Append(DemoAccounts.Supervisor))
        {
            var actor = desk.Actor(outsider);
            await using var db = await desk.App.CreateDbContextAsync();
            var all = await db.Cases.AsNoTracking().Include(c => c.CoUnits).Include(c => c.Tasks).ToListAsync();
            var visible = all.Where(c => c.IsVisibleTo(actor)).Select(c => c.Id).Order().ToList();

            var result = await desk.SendAsync(outsider, new ListCases.Query { PageSize = 200 });

            Assert.Equal(visible, result.Rows.Select(r => r.Id).Order());
            Assert.Equal(visible.Count, result.Total);
        }
    }

    [Fact]
    public async Task A_co_handling_unit_sees_the_case_and_may_only_comment()
    {
        var tag = Desk.Tag();
        var id = await desk.NewCase().Titled($"{tag} 协办").InUnit(DemoAccounts.Comprehensive).CoHandledBy(DemoAccounts.Construction)
            .InAsync(CaseState.Collected);

        var detail = await desk.DetailAsync(id, DemoAccounts.ConstructionOfficer);
        var listed = await desk.SendAsync(DemoAccounts.ConstructionOfficer, new ListCases.Query { Search = tag });
        await desk.SendAsync(DemoAccounts.ConstructionOfficer, new AddComment.Command { CaseId = id, Text = "城建办已知悉" });

        Assert.Equal([CaseTrigger.Comment], detail.AvailableActions);
        Assert.Equal(id, Assert.Single(listed.Rows).Id);
        Assert.Single((await desk.CaseAsync(id)).Comments);
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.ConstructionOfficer, new StartAssessment.Command(id)), DomainErrors.NoAccess);
        Assert.Equal(CaseState.Collected, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_unit_a_task_was_sent_to_sees_the_case_and_works_its_task()
    {
        var tag = Desk.Tag();
        var id = await desk.NewCase().Titled($"{tag} 转办").InUnit(DemoAccounts.Comprehensive).InAsync(CaseState.Disposing);
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.VillageOfficer, new GetCaseDetail.Query(id)));
        var description = $"{tag} 入户核实";

        await desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = id,
            UnitId = desk.Unit(DemoAccounts.BinjiangVillage),
            Description = description,
            DueAt = DateTime.UtcNow.AddDays(1),
        });

        var detail = await desk.DetailAsync(id, DemoAccounts.VillageOfficer);
        Assert.Contains(CaseTrigger.AcceptTask, detail.AvailableActions);
        Assert.True(Assert.Single(detail.Tasks).MineToHandle);
        Assert.Equal(id, Assert.Single((await desk.SendAsync(DemoAccounts.VillageOfficer, new ListCases.Query { Search = tag })).Rows).Id);
        await desk.SendAsync(DemoAccounts.VillageOfficer, new AcceptTask.Command(id, await desk.TaskIdAsync(id, description)));
        Assert.Equal(CaseTaskStatus.InProgress, Assert.Single((await desk.CaseAsync(id)).Tasks).Status);
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.ConstructionOfficer, new GetCaseDetail.Query(id)));
    }

    [Fact]
    public async Task The_supervisor_sees_every_case_but_fires_no_trigger()
    {
        var tag = Desk.Tag();
        var id = await desk.NewCase().Titled($"{tag} 督查").InUnit(DemoAccounts.SocialAffairs).InAsync(CaseState.Disposing);
        var version = await desk.VersionAsync(id);

        var detail = await desk.DetailAsync(id, DemoAccounts.Supervisor);
        var listed = await desk.SendAsync(DemoAccounts.Supervisor, new ListCases.Query { Search = tag });

        Assert.Empty(detail.AvailableActions);
        Assert.Equal(id, Assert.Single(listed.Rows).Id);
        foreach (var (trigger, command) in AppRequests.CaseCommands)
        {
            var error = await Record.ExceptionAsync(() => desk.App.SendMessageAsync(desk.Actor(DemoAccounts.Supervisor), AppRequests.Create(command, id)));
            Assert.True(error is ForbiddenException, $"{trigger}: {error?.GetType().Name ?? "succeeded"}");
        }

        Assert.Equal(version, await desk.VersionAsync(id));
    }
}
