using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Cases.Decisions;
using OpinionResponse.App.Features.Cases.MyWork;
using OpinionResponse.App.Features.Decisions;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Decisions;

[CollectionDefinition(Name)]
public sealed class DecisionsDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Decisions desk";
}

/// <summary>
/// 重大决策舆情风险评估 through the real pipeline on a real SQLite file: recorded by a unit, approved by that unit's head only,
/// seen within the unit scope, linked to the cases that arose, and compared with what happened.
/// </summary>
[Collection(DecisionsDesk.Name)]
public sealed class DecisionAssessmentTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    /// <summary>城建办's head: the demo seed has none, so the test names one.</summary>
    private Actor ConstructionHead => Actor.Create("cjb.head.probe", "城建办主任 何", [Role.UnitHead], [desk.Unit(DemoAccounts.Construction)]);

    private Actor VillageHead => Actor.Create("bjc.head.probe", "滨江村书记 孔", [Role.UnitHead], [desk.Unit(DemoAccounts.BinjiangVillage)]);

    private SaveDecisionAssessment.Command NewAssessment(string unitCode, RiskLevel level = RiskLevel.Large) => new()
    {
        UnitId = desk.Unit(unitCode),
        Title = $"{Desk.Tag()} 北岸路拓宽工程征地",
        PlannedOn = new DateOnly(2026, 12, 20),
        Summary = "北岸路拓宽需征收沿线12户宅基地。",
        Matters = "征地拆迁",
        Methods = [new() { Method = AssessmentMethod.KeyVisits, Finding = "走访12户，3户对补偿标准有异议。" }],
        Findings = "补偿标准是主要风险点。",
        RiskLevel = level,
        ResponseLines = "依法依规补偿，标准公开。",
        Spokesperson = "副镇长 李",
        Triggers = ["10人以上聚集", "网上出现不实补偿传言"],
    };

    private async Task<DecisionAssessment> StoredAsync(int id)
    {
        await using var db = await desk.App.CreateDbContextAsync();
        return await db.DecisionAssessments.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    private async Task<int> VersionOf(int id) => (await StoredAsync(id)).Version;

    /// <summary>Recorded by 城建办's analyst and submitted: waiting for 城建办's head.</summary>
    private async Task<int> SubmittedAsync(string unitCode = DemoAccounts.Construction, DemoAccount? by = null, RiskLevel level = RiskLevel.Large)
    {
        by ??= unitCode == DemoAccounts.Construction ? DemoAccounts.ConstructionOfficer : DemoAccounts.Analyst;
        var id = await desk.SendAsync(by, NewAssessment(unitCode, level));
        await desk.SendAsync(by, new SubmitDecisionAssessment.Command(id, await VersionOf(id)));
        return id;
    }

    private async Task<int> ApprovedOfficeAssessmentAsync(RiskLevel level = RiskLevel.Large)
    {
        var id = await SubmittedAsync(DemoAccounts.TownOffice, level: level);
        await desk.SendAsync(DemoAccounts.Head, new ApproveDecisionAssessment.Command(id, await VersionOf(id)));
        return id;
    }

    [Fact]
    public async Task The_unit_records_submits_and_its_head_approves()
    {
        var id = await desk.SendAsync(DemoAccounts.ConstructionOfficer, NewAssessment(DemoAccounts.Construction));
        Assert.Equal(DecisionState.Draft, (await StoredAsync(id)).State);

        await desk.SendAsync(DemoAccounts.ConstructionOfficer, new SubmitDecisionAssessment.Command(id, await VersionOf(id)));
        await desk.App.SendAsync(ConstructionHead, new ApproveDecisionAssessment.Command(id, await VersionOf(id)));

        var stored = await StoredAsync(id);
        Assert.Equal((DecisionState.Approved, "城建办主任 何"), (stored.State, stored.DecidedByName));
        await using var db = await desk.App.CreateDbContextAsync();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == nameof(DecisionAssessment) && a.ObjectId == key)
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["SaveDecisionAssessment.Command", "SubmitDecisionAssessment.Command", "ApproveDecisionAssessment.Command"], audit.Select(a => a.Action));
        Assert.Contains("\"State\":[\"Submitted\",\"Approved\"]", audit[^1].Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_is_refused_to_another_units_head_and_to_staff()
    {
        var id = await SubmittedAsync();
        var version = await VersionOf(id);

        // The town's head reads every unit's assessments, but decides only on the opinion office's own.
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Head, new ApproveDecisionAssessment.Command(id, version)), DecisionErrors.NotUnitHead);
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Head, new ReturnDecisionAssessment.Command(id, version, "补充")), DecisionErrors.NotUnitHead);
        await Expect.NotFoundAsync(() => desk.App.SendAsync(VillageHead, new ApproveDecisionAssessment.Command(id, version)));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.ConstructionChief, new ApproveDecisionAssessment.Command(id, version)));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.ConstructionOfficer, new ApproveDecisionAssessment.Command(id, version)));

        var stored = await StoredAsync(id);
        Assert.Equal((DecisionState.Submitted, version, null), (stored.State, stored.Version, stored.DecidedByName));
    }

    [Fact]
    public async Task Staff_record_only_for_their_own_unit()
    {
        var before = await CountAsync();

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.ConstructionOfficer, NewAssessment(DemoAccounts.TownOffice)), DecisionErrors.NotOwnUnit);
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.VillageOfficer, NewAssessment(DemoAccounts.BinjiangVillage)));

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_list_and_the_page_keep_to_the_unit_scope()
    {
        var construction = await SubmittedAsync();
        var office = await SubmittedAsync(DemoAccounts.TownOffice);

        var ofConstruction = await desk.SendAsync(DemoAccounts.ConstructionOfficer, new ListDecisionAssessments.Query());
        var ofVillage = await desk.SendAsync(DemoAccounts.VillageOfficer, new ListDecisionAssessments.Query());
        var ofOffice = await desk.SendAsync(DemoAccounts.Supervisor, new ListDecisionAssessments.Query());

        Assert.Contains(ofConstruction, r => r.Id == construction);
        Assert.DoesNotContain(ofConstruction, r => r.Id == office);
        Assert.Empty(ofVillage);
        Assert.Contains(ofOffice, r => r.Id == construction);
        Assert.Contains(ofOffice, r => r.Id == office);
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.ConstructionOfficer, new GetDecisionAssessment.Query(office)));
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.ConstructionChief, new SubmitDecisionAssessment.Command(office, 0)));

        var filtered = await desk.SendAsync(DemoAccounts.Supervisor,
            new ListDecisionAssessments.Query(desk.Unit(DemoAccounts.Construction), DecisionState.Submitted, RiskLevel.Large));
        Assert.Contains(filtered, r => r.Id == construction);
        Assert.DoesNotContain(filtered, r => r.Id == office);
        Assert.Empty(await desk.SendAsync(DemoAccounts.Supervisor, new ListDecisionAssessments.Query(desk.Unit(DemoAccounts.Construction), DecisionState.Draft)));
    }

    [Fact]
    public async Task An_assessment_waiting_for_approval_is_in_its_heads_work_only()
    {
        var office = await SubmittedAsync(DemoAccounts.TownOffice);
        var construction = await SubmittedAsync();

        var head = await desk.SendAsync(DemoAccounts.Head, new ListMyWork.Query());
        var constructionHead = await desk.App.SendAsync(ConstructionHead, new ListMyWork.Query());
        var chief = await desk.SendAsync(DemoAccounts.Chief, new ListMyWork.Query());

        Assert.Contains(head.DecisionsToApprove, d => d.DecisionId == office);
        Assert.DoesNotContain(head.DecisionsToApprove, d => d.DecisionId == construction);
        Assert.Equal([construction], constructionHead.DecisionsToApprove.Select(d => d.DecisionId).Where(d => d == construction || d == office));
        Assert.Empty(chief.DecisionsToApprove);
    }

    [Fact]
    public async Task A_case_is_linked_from_the_case_page_and_shows_the_assessment()
    {
        var id = await ApprovedOfficeAssessmentAsync();
        var caseId = await desk.OpenCaseAsync();

        var before = await desk.SendAsync(DemoAccounts.Analyst, new ListCaseDecisions.Query(caseId));
        Assert.Contains(before.Linkable, d => d.Id == id);
        await desk.SendAsync(DemoAccounts.Analyst, new LinkCaseToDecision.Command(caseId, id));

        var after = await desk.SendAsync(DemoAccounts.Press, new ListCaseDecisions.Query(caseId));
        Assert.Equal([id], after.Linked.Select(d => d.Id));
        Assert.False(after.MayLink);
        Assert.Equal([caseId], (await StoredAsync(id)).CaseLinks.Select(l => l.CaseId));
    }

    [Fact]
    public async Task A_draft_cannot_be_linked_and_another_units_case_is_not_found()
    {
        var draft = await desk.SendAsync(DemoAccounts.Analyst, NewAssessment(DemoAccounts.TownOffice));
        var caseId = await desk.OpenCaseAsync();
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new LinkCaseToDecision.Command(caseId, draft)), DecisionErrors.NotFollowedUp);

        var construction = await SubmittedAsync();
        await desk.App.SendAsync(ConstructionHead, new ApproveDecisionAssessment.Command(construction, await VersionOf(construction)));
        var villageCase = await desk.OpenCaseAsync(DemoAccounts.BinjiangVillage);
        var version = await VersionOf(construction);
        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.ConstructionOfficer, new LinkDecisionCase.Command(construction, version, villageCase)));
        Assert.Empty((await StoredAsync(construction)).CaseLinks);
    }

    [Fact]
    public async Task The_page_shows_what_happened_against_what_was_foreseen()
    {
        var id = await ApprovedOfficeAssessmentAsync(RiskLevel.Large);
        var empty = await desk.SendAsync(DemoAccounts.Chief, new GetDecisionAssessment.Query(id));
        Assert.Equal(ForecastVerdict.NoCases, empty.Forecast.Verdict);

        var general = await desk.NewCase().InAsync(CaseState.Reporting);
        var unassessed = await desk.OpenCaseAsync();
        await desk.SendAsync(DemoAccounts.Analyst, new LinkDecisionCase.Command(id, await VersionOf(id), general));
        await desk.SendAsync(DemoAccounts.Analyst, new LinkDecisionCase.Command(id, await VersionOf(id), unassessed));
        var below = await desk.SendAsync(DemoAccounts.Chief, new GetDecisionAssessment.Query(id));
        Assert.Equal((RiskLevel.Large, RiskLevel.General, ForecastVerdict.Below), (below.Forecast.Foreseen, below.Forecast.Happened, below.Forecast.Verdict));

        var major = await desk.NewCase().Major().InAsync(CaseState.Reporting);
        await desk.SendAsync(DemoAccounts.Analyst, new LinkDecisionCase.Command(id, await VersionOf(id), major));
        var triggers = (await StoredAsync(id)).Triggers.OrderBy(t => t.Id).Select(t => t.Id).ToList();
        await desk.SendAsync(DemoAccounts.Analyst, new RecordDecisionOutcome.Command
        {
            Id = id, ExpectedVersion = await VersionOf(id), Occurred = new() { [triggers[0]] = true, [triggers[1]] = false }, Review = "聚集发生，启动预案后平息。",
        });

        var view = await desk.SendAsync(DemoAccounts.Chief, new GetDecisionAssessment.Query(id));
        Assert.Equal((RiskLevel.Major, ForecastVerdict.Exceeded), (view.Forecast.Happened, view.Forecast.Verdict));
        Assert.Equal((1, 2), (view.Forecast.TriggersOccurred, view.Forecast.TriggersRecorded));
        Assert.Equal([major, general, unassessed], view.Cases.Select(c => c.CaseId));
        var items = (await desk.ItemsOfAsync(general)).Count + (await desk.ItemsOfAsync(unassessed)).Count + (await desk.ItemsOfAsync(major)).Count;
        Assert.Equal(items, view.ItemCount);
        Assert.Equal(CaseState.Reporting, view.Cases[0].State);
        Assert.Equal("聚集发生，启动预案后平息。", view.Assessment.Review);
        Assert.Equal(RiskLevel.Large, view.Assessment.RiskLevel);
    }

    [Fact]
    public async Task Bad_input_names_the_fields_in_chinese_and_keeps_the_saved_revision()
    {
        var id = await desk.SendAsync(DemoAccounts.Analyst, NewAssessment(DemoAccounts.TownOffice));
        var saved = await StoredAsync(id);
        var bad = NewAssessment(DemoAccounts.TownOffice, RiskLevel.Critical) with { Id = id, ExpectedVersion = saved.Version };
        bad.Title = " ";
        bad.Methods = [];
        bad.ResponseLines = null;
        bad.Triggers = [];

        var error = await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Analyst, bad), "Title", "Methods", "ResponseLines", "Triggers");

        Assert.Contains(error.Errors, e => e.ErrorMessage.Contains("决策事项", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.ErrorMessage.Contains("回应口径", StringComparison.Ordinal) && e.ErrorMessage.Contains("重大", StringComparison.Ordinal));
        var after = await StoredAsync(id);
        Assert.Equal((saved.Title, saved.RiskLevel, saved.Version, saved.ResponseLines), (after.Title, after.RiskLevel, after.Version, after.ResponseLines));

        var finding = NewAssessment(DemoAccounts.TownOffice) with { Id = id, ExpectedVersion = saved.Version };
        finding.Methods = [new() { Method = AssessmentMethod.SampleSurvey, Finding = "" }];
        var methodError = await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Analyst, finding), "Methods[0].Finding");
        Assert.Contains("抽样调查", methodError.Errors.Single().ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_made_meanwhile_is_not_overwritten()
    {
        var id = await desk.SendAsync(DemoAccounts.Analyst, NewAssessment(DemoAccounts.TownOffice));
        var stale = await VersionOf(id);
        var first = NewAssessment(DemoAccounts.TownOffice) with { Id = id, ExpectedVersion = stale, Findings = "第一人的研判" };
        await desk.SendAsync(DemoAccounts.Analyst, first);

        var second = NewAssessment(DemoAccounts.TownOffice) with { Id = id, ExpectedVersion = stale, Findings = "第二人的研判" };
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, second), DecisionErrors.Changed);

        var stored = await StoredAsync(id);
        Assert.Equal("第一人的研判", stored.Findings);
        Assert.Equal([1, 2], stored.Revisions.Select(r => r.Version).Order());
    }

    private async Task<int> CountAsync()
    {
        await using var db = await desk.App.CreateDbContextAsync();
        return await db.DecisionAssessments.CountAsync();
    }
}
