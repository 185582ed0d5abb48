using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Cases.Assessment;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Cases.Plan;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Duty;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Reports;

[CollectionDefinition(Name)]
public sealed class ReportsDesk : ICollectionFixture<DeskFixture>
{
    public const string Name = "Reports desk";
}

/// <summary>
/// A known desk for the reports, hand-computed, in a week of its own (2025-03-03 … 03-09, Beijing) that no other test
/// writes to. The cases are driven through the real commands; then their kept timestamps are moved into that week with
/// SQL, as if the work had happened then. T0 = 2025-03-04 09:00 Beijing.
/// <list type="bullet">
/// <item>C1 党政办: triaged on time, assessed at T0+1h, response published at T0+10h, closed with a 回访 (reached, 满意),
/// then reopened and assessed again (today: a year late) — it must still count once, as assessed on time.</item>
/// <item>C2 党政办: its item triaged late (collected T0−40min), assessed at T0+3h (late), plan rejected once, no response
/// (the 48 h clock is breached); an assessment breach on record with a reason and a decision (通报批评).</item>
/// <item>C3 城建办: dismissed at T0+1h, before its assessment clock was due — a clock never due, counted nowhere.</item>
/// <item>C4 党政办: assessed at T0+1.5h, published at T0+30h, closed with a 回访 (reached, 基本满意).</item>
/// <item>U1: a hotline item collected at T0 and never triaged (late; no unit).</item>
/// </list>
/// </summary>
public sealed class ReportScenario
{
    public static readonly DateOnly Monday = new(2025, 3, 3);
    public static readonly DateOnly Day = new(2025, 3, 4);
    public static readonly DateTime T0 = new(2025, 3, 4, 1, 0, 0, DateTimeKind.Utc);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<Desk, ReportScenario> Built = [];

    public required int C1 { get; init; }
    public required int C2 { get; init; }
    public required int C3 { get; init; }
    public required int C4 { get; init; }
    public required string TownOffice { get; init; }
    public required string Construction { get; init; }

    /// <summary>The scenario on <paramref name="desk"/>, built by the first test that asks.</summary>
    public static async Task<ReportScenario> OnAsync(Desk desk)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Built.TryGetValue(desk, out var scenario))
            {
                scenario = await BuildAsync(desk);
                Built[desk] = scenario;
            }

            return scenario;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<ReportScenario> BuildAsync(Desk desk)
    {
        var c1 = await desk.NewCase().Titled("报表场景一 滨江路积水").InAsync(CaseState.Published);
        await CloseAsync(desk, c1, Satisfaction.Satisfied);
        await desk.SendAsync(DemoAccounts.Chief, new ReopenCase.Command { CaseId = c1, Reason = "来电人再次反映" });
        await AssessAgainAsync(desk, c1);

        var c2 = await desk.NewCase().Titled("报表场景二 农贸市场噪音").InAsync(CaseState.PlanApproval);
        await desk.SendAsync(DemoAccounts.Chief, new RejectPlan.Command { CaseId = c2, Comment = "措施不具体" });

        var c3 = await desk.NewCase().Titled("报表场景三 外省同名镇").InUnit(DemoAccounts.Construction).InAsync(CaseState.Dismissed);

        var c4 = await desk.NewCase().Titled("报表场景四 路灯不亮").InAsync(CaseState.Published);
        await CloseAsync(desk, c4, Satisfaction.BasicallySatisfied);

        var u1 = await desk.LogItemAsync("报表场景 未分拣来电");

        string At(TimeSpan after) => (T0 + after).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var all = $"{c1},{c2},{c3},{c4}";
        await RawSql.ExecuteAsync(desk.App, $"""
            UPDATE "Cases" SET "CreatedAt" = '{At(TimeSpan.Zero)}' WHERE "Id" IN ({all});
            UPDATE "Items" SET "CollectedAt" = '{At(TimeSpan.FromMinutes(-10))}', "TriagedAt" = '{At(TimeSpan.Zero)}' WHERE "CaseId" IN ({all});
            UPDATE "Items" SET "CollectedAt" = '{At(TimeSpan.FromMinutes(-40))}' WHERE "CaseId" = {c2};
            UPDATE "Items" SET "CollectedAt" = '{At(TimeSpan.Zero)}' WHERE "Id" = {u1};
            UPDATE "TimelineEntry" SET "At" = '{At(TimeSpan.FromHours(1))}' WHERE "Id" = (SELECT MIN("Id") FROM "TimelineEntry" WHERE "CaseId" = {c1} AND "Action" = 'CompleteAssessment');
            UPDATE "TimelineEntry" SET "At" = '{At(TimeSpan.FromHours(3))}' WHERE "CaseId" = {c2} AND "Action" = 'CompleteAssessment';
            UPDATE "TimelineEntry" SET "At" = '{At(TimeSpan.FromHours(1.5))}' WHERE "CaseId" = {c4} AND "Action" = 'CompleteAssessment';
            UPDATE "TimelineEntry" SET "At" = '{At(TimeSpan.FromHours(1))}' WHERE "CaseId" = {c3} AND "Action" = 'Dismiss';
            UPDATE "PublicResponse" SET "PublishedAt" = '{At(TimeSpan.FromHours(10))}' WHERE "CaseId" = {c1};
            UPDATE "PublicResponse" SET "PublishedAt" = '{At(TimeSpan.FromHours(30))}' WHERE "CaseId" = {c4};
            """);

        // C2's assessment breach, as the clock watcher records it; then the reason and the supervisor's decision.
        long breachId;
        await using (var db = await desk.App.CreateDbContextAsync())
        {
            var clock = SlaPolicy.Default.Running(ClockKind.Assessment, T0, T0 + TimeSpan.FromHours(3));
            var breach = ClockAlert.ForCase(c2, clock, ClockThreshold.Breach, 0, desk.Unit(DemoAccounts.TownOffice), desk.Actor(DemoAccounts.Duty).UserId,
                DemoAccounts.Duty.DisplayName, T0 + TimeSpan.FromHours(2));
            db.ClockAlerts.Add(breach);
            // 带班领导 of the scenario's day: 王强 (DailyLogTests signs with him).
            db.DutyShifts.Add(DutyShift.Plan(T0 - TimeSpan.FromHours(9), T0 + TimeSpan.FromHours(15),
                new DutyPerson(desk.Actor(DemoAccounts.Chief).UserId, DemoAccounts.Chief.DisplayName, "13900000001"),
                new DutyPerson(desk.Actor(DemoAccounts.Duty).UserId, DemoAccounts.Duty.DisplayName, "13900000002"), []));
            await db.SaveChangesAsync();
            breachId = breach.Id;
        }

        await desk.SendAsync(DemoAccounts.Chief, new GiveBreachReason.Command { BreachId = breachId, Reason = "研判员外出核实，未及时录入" });
        await desk.SendAsync(DemoAccounts.Supervisor, new DecideBreach.Command { BreachId = breachId, Decision = BreachDecision.Reprimand, Note = "限期整改" });

        await using var names = await desk.App.CreateDbContextAsync();
        var units = await names.Units.ToDictionaryAsync(u => u.Code, u => u.Name);
        return new ReportScenario
        {
            C1 = c1, C2 = c2, C3 = c3, C4 = c4, TownOffice = units[DemoAccounts.TownOffice], Construction = units[DemoAccounts.Construction],
        };
    }

    private static Task CloseAsync(Desk desk, int caseId, Satisfaction satisfaction) =>
        desk.SendAsync(DemoAccounts.Chief, new CloseCase.Command
        {
            CaseId = caseId,
            Summary = "已处置完毕，舆情平稳",
            RaiserFeedback = "已电话告知来电人处理结果",
            FollowUpReached = true,
            Satisfaction = satisfaction,
            FollowUpNote = "回访记录",
        });

    private static async Task AssessAgainAsync(Desk desk, int caseId)
    {
        var detail = await desk.DetailAsync(caseId);
        await desk.SendAsync(DemoAccounts.Analyst, new CompleteAssessment.Command
        {
            CaseId = caseId,
            ExpectedVersion = detail.Case.Version,
            Nature = "民生类舆情",
            Trend = OpinionTrend.Stable,
            Risks = "反复投诉",
            Level = RiskLevel.General,
            OverrideJustification = detail.Score.SuggestedLevel == RiskLevel.General ? null : "维持一般",
            ResponseNeeded = true,
            MatterKind = MatterKind.DirectInterest,
        });
    }
}
