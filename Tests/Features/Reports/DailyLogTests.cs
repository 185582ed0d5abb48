using System.Globalization;
using OpinionResponse.App.Features.Reports.Performance;
using OpinionResponse.App.Features.Reports.DailyLogs;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Reports;

/// <summary>舆情日志 of the scenario's day: compiled, edited by the duty officer, signed off by the day's 带班领导, then kept.</summary>
[Collection(ReportsDesk.Name)]
public sealed class DailyLogTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_log_counts_the_days_items_cases_changes_and_clocks_and_is_kept_once_signed()
    {
        var s = await ReportScenario.OnAsync(desk);

        var id = await desk.SendAsync(DemoAccounts.Duty, new CompileDailyLog.Command(ReportScenario.Day));
        var view = await desk.SendAsync(DemoAccounts.Duty, new GetDailyLog.Query(ReportScenario.Day));

        var f = view.Figures!;
        Assert.Equal(5, f.ItemsByChannel[Channel.Hotline]);
        Assert.Equal(4, f.NewCases.Count);
        // The three assessments and the dismissal happened that day; everything else of the scenario happened today.
        Assert.Equal([CaseState.Reporting, CaseState.Dismissed, CaseState.Reporting, CaseState.Reporting], f.StateChanges.Select(c => c.To));
        Assert.Equal(f.StateChanges.OrderBy(c => c.At).Select(c => c.At), f.StateChanges.Select(c => c.At));
        Assert.Equal([ClockState.Met, ClockState.MetLate, ClockState.Met],
            f.ClocksDue.Where(c => c.Clock == ClockKind.Assessment).OrderBy(c => c.Number, StringComparer.Ordinal).Select(c => c.State));
        var dismissed = (await desk.CaseAsync(s.C3)).Number;
        Assert.DoesNotContain(f.ClocksDue, c => c.Number == dismissed);
        Assert.Equal((5, 2), (f.TriageDue, f.TriageLate));
        Assert.Equal([DemoAccounts.Chief.DisplayName], view.Leaders);

        await desk.SendAsync(DemoAccounts.Duty, new EditDailyLog.Command { LogId = id, ExpectedVersion = view.Log!.Version, Summary = "当日舆情总体平稳。" });
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Head, new SignDailyLog.Command(id)), ReportErrors.NotLeaderOnDuty);
        await desk.SendAsync(DemoAccounts.Chief, new SignDailyLog.Command(id));

        var signed = await desk.SendAsync(DemoAccounts.Supervisor, new GetDailyLog.Query(ReportScenario.Day));
        Assert.Equal((DemoAccounts.Chief.DisplayName, "当日舆情总体平稳。", false), (signed.Log!.SignedByName, signed.Log.Summary, signed.MayKeep));
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Duty, new CompileDailyLog.Command(ReportScenario.Day)), ReportErrors.Signed);
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Duty,
            new EditDailyLog.Command { LogId = id, ExpectedVersion = signed.Log.Version, Summary = "改" }), ReportErrors.Signed);
        Assert.Equal("当日舆情总体平稳。", (await desk.SendAsync(DemoAccounts.Chief, new GetDailyLog.Query(ReportScenario.Day))).Log!.Summary);
    }

    [Fact]
    public async Task A_case_opened_weeks_before_the_day_shows_the_clock_that_falls_due_on_it()
    {
        // Not the scenario's day: another test signs that day's log, which freezes its figures.
        var day = new DateOnly(2025, 2, 12);
        var assessedAt = day.BeijingStart() + TimeSpan.FromHours(10);
        var id = await desk.NewCase().Titled($"{Desk.Tag()} 老旧小区改造久拖未决").Major().InAsync(CaseState.Reporting);
        string Sql(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        // Opened 40 days before the day and assessed as major on it: the report upward falls due an hour later, that day.
        await RawSql.ExecuteAsync(desk.App, $"""
            UPDATE "Cases" SET "CreatedAt" = '{Sql(assessedAt.AddDays(-40))}', "Assessment_AssessedAt" = '{Sql(assessedAt)}' WHERE "Id" = {id};
            UPDATE "TimelineEntry" SET "At" = '{Sql(assessedAt)}' WHERE "CaseId" = {id} AND "Action" = 'CompleteAssessment';
            DELETE FROM "CaseReport" WHERE "CaseId" = {id};
            """);

        await desk.SendAsync(DemoAccounts.Duty, new CompileDailyLog.Command(day));
        var figures = (await desk.SendAsync(DemoAccounts.Duty, new GetDailyLog.Query(day))).Figures!;

        var number = (await desk.CaseAsync(id)).Number;
        var due = Assert.Single(figures.ClocksDue, c => c.Number == number);
        Assert.Equal((ClockKind.UpwardReport, assessedAt.AddHours(1)), (due.Clock, due.DueAt));
    }

    [Fact]
    public async Task Only_the_town_desk_keeps_the_log_and_not_for_a_day_to_come()
    {
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.VillageOfficer, new CompileDailyLog.Command(ReportScenario.Day.AddDays(-1))));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Analyst, new CompileDailyLog.Command(ReportScenario.Day.AddDays(-1))));
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Duty,
            new CompileDailyLog.Command(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(2))), ReportErrors.DayNotOver);
    }
}
