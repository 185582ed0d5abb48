using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpinionResponse.Infrastructure.Observability;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>
/// The watcher makes each clock act once: at 75 % a warning to the owner, at 100 % a breach escalated to the chiefs,
/// on the timeline and on record — through the real mediator on a real SQLite file, time moved by a fake clock.
/// </summary>
public class ClockWatcherTests : IAsyncLifetime
{
    private readonly ClockApp app = new();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_assessment_clock_warns_at_75_percent_and_breaches_at_100_percent_once()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Collected);

        await WarnsThenBreachesOnceAsync(caseId, ClockKind.Assessment);
    }

    [Fact]
    public async Task Each_warning_and_breach_is_counted_once_for_the_operators_metrics()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Collected);
        using var counted = new MetricCollector<long>(app.Services.GetRequiredService<DeskMetrics>().Meter, "opinion.clocks.alerts");

        await WarnsThenBreachesOnceAsync(caseId, ClockKind.Assessment);

        var assessment = counted.GetMeasurementSnapshot().Where(m => Equals(m.Tags["clock"], nameof(ClockKind.Assessment))).ToList();
        Assert.Equal([nameof(ClockThreshold.Warning), nameof(ClockThreshold.Breach)], assessment.Select(m => (string)m.Tags["threshold"]!));
        Assert.All(assessment, m => Assert.Equal(1, m.Value));
    }

    [Fact]
    public async Task The_response_clock_warns_at_75_percent_and_breaches_at_100_percent_once()
    {
        var caseId = await app.Desk.NewCase().WithoutReport().InAsync(CaseState.Reporting);

        await WarnsThenBreachesOnceAsync(caseId, ClockKind.Response);
    }

    [Fact]
    public async Task The_clocks_of_a_major_case_each_warn_and_breach_once_in_turn()
    {
        var caseId = await app.Desk.NewCase().Major().WithoutReport().InAsync(CaseState.Reporting);

        // Due at 1 h, 5 h and 24 h: walked in that order, each warns and breaches while the later ones still run.
        await WarnsThenBreachesOnceAsync(caseId, ClockKind.UpwardReport);
        await WarnsThenBreachesOnceAsync(caseId, ClockKind.AuthoritativeInformation);
        await WarnsThenBreachesOnceAsync(caseId, ClockKind.PressConference);

        var alerts = await app.AlertsAsync(ClockAlert.CaseSubject(caseId));
        Assert.Equal(6, alerts.Count);
        Assert.Equal(3, (await app.NotificationsAsync(caseId, NotificationKind.ClockWarning)).Count);
    }

    [Fact]
    public async Task The_triage_clock_of_an_item_warns_at_75_percent_and_breaches_at_100_percent_once()
    {
        var itemId = await app.Desk.LogItemAsync();
        var item = await app.Desk.ItemAsync(itemId);
        var subject = ClockAlert.ItemSubject(itemId);
        var warnAt = item.CollectedAt + SlaPolicy.Default.Triage * 0.75;

        await app.ScanAtAsync(warnAt.AddSeconds(-1));
        Assert.Empty(await app.AlertsAsync(subject));

        await app.ScanAtAsync(warnAt);
        await app.ScanAtAsync(warnAt.AddMinutes(1));
        Assert.Equal([ClockThreshold.Warning], (await app.AlertsAsync(subject)).Select(a => a.Threshold));

        await app.ScanAtAsync(item.CollectedAt + SlaPolicy.Default.Triage);
        await app.ScanAsync();
        var alerts = await app.AlertsAsync(subject);
        Assert.Equal([ClockThreshold.Warning, ClockThreshold.Breach], alerts.Select(a => a.Threshold));
        Assert.All(alerts, a => Assert.Equal(ClockKind.Triage, a.Clock));
    }

    [Fact]
    public async Task A_breach_goes_to_the_chiefs_on_the_timeline_and_on_record_and_nobody_rostered_flags_a_gap()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Collected);
        var created = (await app.Desk.CaseAsync(caseId)).CreatedAt;

        await app.ScanAtAsync(created + SlaPolicy.Default.Assessment);

        var breach = Assert.Single(await app.AlertsAsync(ClockAlert.CaseSubject(caseId)));
        Assert.Equal((ClockKind.Assessment, ClockThreshold.Breach), (breach.Clock, breach.Threshold));
        Assert.Equal(created + SlaPolicy.Default.Assessment, breach.DueAt);
        Assert.Equal(app.Desk.Unit(DemoAccounts.TownOffice), breach.UnitId);
        Assert.Equal(app.Desk.Actor(DemoAccounts.Duty).UserId, breach.ResponsibleId);
        Assert.True(breach.NobodyOnDuty);
        var notified = (await app.NotificationsAsync(caseId, NotificationKind.ClockBreach)).Select(n => n.UserId).Order().ToList();
        Assert.Equal(new[] { app.Desk.Actor(DemoAccounts.Chief).UserId, app.Desk.Actor(DemoAccounts.Head).UserId }.Order(), notified);
        var entry = Assert.Single((await app.Desk.CaseAsync(caseId)).Timeline, t => t.Action == ClockBreached.Action);
        Assert.StartsWith($"{ClockKind.Assessment} ", entry.Detail);
        Assert.EndsWith(" v0", entry.Detail);

        await using var db = await app.CreateDbContextAsync();
        var id = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "RaiseClockAlert.Command" && a.ObjectId == id && a.UserId == Case.SystemActorId).ToListAsync());
    }

    [Fact]
    public async Task A_clock_met_late_keeps_how_late_on_the_breach_record()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Collected);
        var due = (await app.Desk.CaseAsync(caseId)).CreatedAt + SlaPolicy.Default.Assessment;
        await app.ScanAtAsync(due.AddMinutes(1));

        app.Time.SetUtcNow(new DateTimeOffset(due.AddMinutes(40), TimeSpan.Zero));
        await app.Desk.SendAsync(DemoAccounts.Analyst, new App.Features.Cases.Assessment.StartAssessment.Command(caseId));
        await CompleteAssessmentAsync(caseId);
        await app.ScanAsync();

        var breach = Assert.Single(await app.AlertsAsync(ClockAlert.CaseSubject(caseId)), a => a.Threshold == ClockThreshold.Breach);
        Assert.Equal(TimeSpan.FromMinutes(40), breach.LatenessAt(app.Now.AddDays(1)));
    }

    private async Task CompleteAssessmentAsync(int caseId)
    {
        var detail = await app.Desk.DetailAsync(caseId);
        await app.Desk.SendAsync(DemoAccounts.Analyst, new App.Features.Cases.Assessment.CompleteAssessment.Command
        {
            CaseId = caseId,
            ExpectedVersion = detail.Case.Version,
            Nature = "民生类舆情",
            Trend = OpinionTrend.Stable,
            Risks = "暂无",
            Level = detail.Score.SuggestedLevel,
            ResponseNeeded = false,
            MatterKind = MatterKind.DirectInterest,
        });
    }

    /// <summary>
    /// One second before 75 % nothing; at 75 % one warning to the owner, not repeated a minute later; at 100 % one
    /// breach to the chiefs, not repeated either.
    /// </summary>
    private async Task WarnsThenBreachesOnceAsync(int caseId, ClockKind kind)
    {
        var clock = CaseClocks.For(await app.Desk.CaseAsync(caseId), SlaPolicy.Default, app.Now).Single(c => c.Kind == kind);
        var subject = ClockAlert.CaseSubject(caseId);
        List<ClockThreshold> Of(List<ClockAlert> alerts) => alerts.Where(a => a.Clock == kind).Select(a => a.Threshold).ToList();

        await app.ScanAtAsync(clock.WarnAt.AddSeconds(-1));
        Assert.Empty(Of(await app.AlertsAsync(subject)));

        await app.ScanAtAsync(clock.WarnAt);
        await app.ScanAtAsync(clock.WarnAt.AddMinutes(1));
        Assert.Equal([ClockThreshold.Warning], Of(await app.AlertsAsync(subject)));
        var warned = (await app.NotificationsAsync(caseId, NotificationKind.ClockWarning)).Where(n => n.Excerpt!.StartsWith($"{kind} ")).ToList();
        Assert.Equal(app.Desk.Actor(DemoAccounts.Duty).UserId, Assert.Single(warned).UserId);

        await app.ScanAtAsync(clock.DueAt);
        await app.ScanAtAsync(clock.DueAt.AddMinutes(1));
        Assert.Equal([ClockThreshold.Warning, ClockThreshold.Breach], Of(await app.AlertsAsync(subject)));
        var escalated = (await app.NotificationsAsync(caseId, NotificationKind.ClockBreach)).Where(n => n.Excerpt!.StartsWith($"{kind} ")).ToList();
        Assert.Equal(2, escalated.Count);
    }
}
