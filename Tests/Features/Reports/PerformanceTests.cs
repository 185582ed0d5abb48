using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Reports.Bulletins;
using OpinionResponse.App.Features.Reports.Performance;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Reports;

/// <summary>考核 and 定期通报 on the hand-computed week of <see cref="ReportScenario"/>.</summary>
[Collection(ReportsDesk.Name)]
public sealed class PerformanceTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private Task<GetPerformance.Result> PerformanceAsync(DemoAccount who, PerformanceGrouping by = PerformanceGrouping.Unit, int? unit = null) =>
        desk.SendAsync(who, new GetPerformance.Query(ReportScenario.Monday, ReportScenario.Monday.AddDays(6), by, unit));

    [Fact]
    public async Task Per_unit_figures_match_the_hand_computed_week()
    {
        var s = await ReportScenario.OnAsync(desk);

        var result = await PerformanceAsync(DemoAccounts.Supervisor);

        var office = result.Lines.Single(l => l.Name == s.TownOffice);
        Assert.Equal((3, 3), (office.Cases, office.Items));
        Assert.Equal(new Share(2, 3), office.Triage);
        Assert.Equal(new Share(2, 3), office.Assessment);
        Assert.Equal(new Share(0, 0), office.Authoritative);
        Assert.Equal(new Share(2, 3), office.Response);
        Assert.Equal(TimeSpan.FromHours(20), office.MedianFirstResponse);
        Assert.Equal((1, 1), (office.Breaches, office.PlansRejected));
        Assert.Equal(new Share(2, 2), office.ResponseRate);
        Assert.Equal(new Share(2, 2), office.ResolutionRate);
        Assert.Equal(new Share(1, 2), office.SatisfactionRate);

        Assert.Equal(new Share(3, 5), result.Total.Triage);
        Assert.Equal((4, 5, 1), (result.Total.Cases, result.Total.Items, result.Total.Breaches));
    }

    [Fact]
    public async Task A_clock_never_due_counts_neither_on_time_nor_late()
    {
        var s = await ReportScenario.OnAsync(desk);

        var construction = (await PerformanceAsync(DemoAccounts.Supervisor)).Lines.Single(l => l.Name == s.Construction);

        // C3 was dismissed an hour before its assessment was due: no assessment rate at all, not 0 %.
        Assert.Equal(1, construction.Cases);
        Assert.Equal(new Share(0, 0), construction.Assessment);
        Assert.Null(construction.Assessment.Value);
        Assert.Equal(new Share(1, 1), construction.Triage);
    }

    [Fact]
    public async Task A_reopened_case_counts_once_with_its_first_assessment()
    {
        var s = await ReportScenario.OnAsync(desk);

        var result = await PerformanceAsync(DemoAccounts.Supervisor);

        // C1 was assessed again today, a year after its clock was due; its first assessment, on time, is the one that counts.
        Assert.Equal(2, (await desk.CaseAsync(s.C1)).Timeline.Count(t => t.Action == nameof(CaseTrigger.CompleteAssessment)));
        Assert.Equal(new Share(2, 3), result.Total.Assessment);
        Assert.Equal(4, result.Total.Cases);
    }

    [Fact]
    public async Task Lines_are_sorted_best_first_and_people_are_lines_too()
    {
        var s = await ReportScenario.OnAsync(desk);

        var byUnit = await PerformanceAsync(DemoAccounts.Supervisor);
        Assert.Equal([s.Construction, s.TownOffice, "（未分配）"], byUnit.Lines.Select(l => l.Name));

        var byPerson = await PerformanceAsync(DemoAccounts.Supervisor, PerformanceGrouping.Person);
        var zhang = byPerson.Lines.Single(l => l.Name == DemoAccounts.Duty.DisplayName);
        Assert.Equal((4, 4, 1), (zhang.Cases, zhang.Items, zhang.Breaches));
        Assert.Equal(new Share(3, 4), zhang.Triage);
    }

    [Fact]
    public async Task Breaches_are_listed_with_their_reason_and_decision()
    {
        var s = await ReportScenario.OnAsync(desk);

        var breach = Assert.Single((await PerformanceAsync(DemoAccounts.Supervisor)).Breaches);

        Assert.Equal((ClockKind.Assessment, s.TownOffice, DemoAccounts.Duty.DisplayName), (breach.Clock, breach.UnitName, breach.PersonName));
        Assert.Equal(("研判员外出核实，未及时录入", BreachDecision.Reprimand, "限期整改"), (breach.Reason, breach.Decision, breach.DecisionNote));
    }

    [Fact]
    public async Task A_unit_chief_sees_only_their_units_figures()
    {
        var s = await ReportScenario.OnAsync(desk);

        var result = await PerformanceAsync(DemoAccounts.ConstructionChief);

        Assert.Equal([s.Construction], result.Lines.Select(l => l.Name));
        Assert.Empty(result.Breaches);
        await Expect.NotFoundAsync(() => PerformanceAsync(DemoAccounts.ConstructionChief, unit: desk.Unit(DemoAccounts.TownOffice)));
        await Expect.ForbiddenAsync(() => PerformanceAsync(DemoAccounts.Duty));
    }

    [Fact]
    public async Task The_weekly_bulletin_counts_cases_by_state_and_level_and_names_typical_cases()
    {
        var s = await ReportScenario.OnAsync(desk);

        var bulletin = await desk.SendAsync(DemoAccounts.Supervisor, new GetBulletin.Query(BulletinPeriod.Week, ReportScenario.Day.AddDays(1)));

        Assert.Equal((ReportScenario.Monday, ReportScenario.Monday.AddDays(6)), (bulletin.From, bulletin.To));
        Assert.Equal((5, 4), (bulletin.Items, bulletin.Cases));
        Assert.Equal(1, bulletin.ByStateAndLevel[CaseState.Closed]["一般"]);
        Assert.Equal(1, bulletin.ByStateAndLevel[CaseState.Reporting]["一般"]);
        Assert.Equal(1, bulletin.ByStateAndLevel[CaseState.PlanDrafting]["一般"]);
        Assert.Equal(1, bulletin.ByStateAndLevel[CaseState.Dismissed]["未定级"]);
        Assert.Equal(new Share(2, 3), bulletin.Total.Response);
        Assert.Single(bulletin.Breaches);
        Assert.StartsWith((await desk.CaseAsync(s.C4)).Number, bulletin.Typical[0], StringComparison.Ordinal);

        var unit = await desk.SendAsync(DemoAccounts.ConstructionChief, new GetBulletin.Query(BulletinPeriod.Month, ReportScenario.Day));
        Assert.Equal((1, 1), (unit.Cases, unit.Items));
    }

    [Theory]
    [InlineData(BulletinPeriod.Week, "2025-03-05", "2025-03-03", "2025-03-09")]
    [InlineData(BulletinPeriod.Week, "2025-03-09", "2025-03-03", "2025-03-09")]
    [InlineData(BulletinPeriod.Month, "2025-02-14", "2025-02-01", "2025-02-28")]
    [InlineData(BulletinPeriod.Quarter, "2025-05-20", "2025-04-01", "2025-06-30")]
    public void A_bulletins_period_holds_its_day(BulletinPeriod period, string day, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), GetBulletin.Range(period, DateOnly.Parse(day)));
}
