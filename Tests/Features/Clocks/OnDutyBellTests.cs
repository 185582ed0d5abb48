using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Notifications;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>
/// The people on duty at a moment hear of what the duty desk must act on at once: an item's triage clock (a bell line that
/// leads to the triage queue, before any case exists) and a case assessed 重大/特别重大. Nobody rostered: the opinion
/// office's unit head, with the gap on record.
/// </summary>
public class OnDutyBellTests : IAsyncLifetime
{
    private readonly ClockApp app = new();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_triage_warning_rings_the_duty_officer_on_duty_and_the_breach_also_the_leader_with_a_line_to_the_queue()
    {
        var midnight = app.TwoHoursBeforeMidnight();
        await app.Desk.SendAsync(DemoAccounts.Admin, app.Shift(midnight.AddDays(-1), 20, 0, DemoAccounts.Head, DemoAccounts.Duty));
        var itemId = await app.Desk.LogItemAsync();
        var clock = CaseClocks.ForItem(await app.Desk.ItemAsync(itemId), SlaPolicy.Default, app.Now);

        await app.ScanAtAsync(clock.WarnAt);
        await app.ScanAtAsync(clock.WarnAt.AddMinutes(1));

        var warned = Assert.Single(await app.NotificationsOfItemAsync(itemId));
        Assert.Equal((app.UserId(DemoAccounts.Duty), NotificationKind.ClockWarning, (int?)null), (warned.UserId, warned.Kind, warned.CaseId));
        var line = Assert.Single((await app.Desk.SendAsync(DemoAccounts.Duty, new ListMyNotifications.Query())).Rows, r => r.ItemId == itemId);
        Assert.Equal("triage", line.Target);

        await app.ScanAtAsync(clock.DueAt);
        await app.ScanAtAsync(clock.DueAt.AddMinutes(1));

        var breached = (await app.NotificationsOfItemAsync(itemId)).Where(n => n.Kind == NotificationKind.ClockBreach).Select(n => n.UserId).Order();
        Assert.Equal(new[] { app.UserId(DemoAccounts.Duty), app.UserId(DemoAccounts.Head) }.Order(), breached);
        Assert.False(Assert.Single(await app.AlertsAsync(ClockAlert.ItemSubject(itemId)), a => a.Threshold == ClockThreshold.Breach).NobodyOnDuty);
    }

    [Fact]
    public async Task With_nobody_rostered_a_triage_breach_reaches_the_office_duty_officers_and_unit_head_and_flags_the_gap()
    {
        var itemId = await app.Desk.LogItemAsync();
        var clock = CaseClocks.ForItem(await app.Desk.ItemAsync(itemId), SlaPolicy.Default, app.Now);

        await app.ScanAtAsync(clock.WarnAt);
        Assert.Equal([app.UserId(DemoAccounts.Duty)], (await app.NotificationsOfItemAsync(itemId)).Select(n => n.UserId));

        await app.ScanAtAsync(clock.DueAt);
        var breached = (await app.NotificationsOfItemAsync(itemId)).Where(n => n.Kind == NotificationKind.ClockBreach).Select(n => n.UserId).Order();
        // The village's duty officer is not the opinion office's: he does not hear of the town's queue.
        Assert.Equal(new[] { app.UserId(DemoAccounts.Duty), app.UserId(DemoAccounts.Head) }.Order(), breached);
        Assert.True(Assert.Single(await app.AlertsAsync(ClockAlert.ItemSubject(itemId)), a => a.Threshold == ClockThreshold.Breach).NobodyOnDuty);
    }

    [Fact]
    public async Task A_case_assessed_major_rings_the_leader_and_officer_on_duty_at_that_moment_across_the_midnight_change()
    {
        var midnight = app.TwoHoursBeforeMidnight();
        await app.Desk.SendAsync(DemoAccounts.Admin, app.Shift(midnight.AddDays(-1), 16, 0, DemoAccounts.Head, DemoAccounts.Duty));
        await app.Desk.SendAsync(DemoAccounts.Admin, app.Shift(midnight, 0, 8, DemoAccounts.Supervisor, DemoAccounts.Press));

        app.Time.SetUtcNow(new DateTimeOffset(midnight.AddSeconds(-1).FromBeijing(), TimeSpan.Zero));
        var evening = await app.Desk.NewCase().Major().InAsync(CaseState.Reporting);
        app.Time.SetUtcNow(new DateTimeOffset(midnight.FromBeijing(), TimeSpan.Zero));
        var night = await app.Desk.NewCase().WithLevel(RiskLevel.Critical).InAsync(CaseState.Reporting);

        Assert.Equal(new[] { app.UserId(DemoAccounts.Head), app.UserId(DemoAccounts.Duty) }.Order(), await MajorCaseBellsAsync(evening));
        Assert.Equal(new[] { app.UserId(DemoAccounts.Supervisor), app.UserId(DemoAccounts.Press) }.Order(), await MajorCaseBellsAsync(night));
        Assert.Equal("Critical", Assert.Single(await app.NotificationsAsync(night, NotificationKind.MajorCase), n => n.UserId == app.UserId(DemoAccounts.Press)).Excerpt);
    }

    [Fact]
    public async Task With_nobody_rostered_a_major_case_goes_to_the_unit_head_with_the_gap_said_and_a_general_case_to_nobody()
    {
        var major = await app.Desk.NewCase().Major().InAsync(CaseState.Reporting);
        var general = await app.Desk.NewCase().InAsync(CaseState.Reporting);

        var bell = Assert.Single(await app.NotificationsAsync(major, NotificationKind.MajorCase));
        Assert.Equal((app.UserId(DemoAccounts.Head), $"{RiskLevel.Major} {Notifier.GapMark}"), (bell.UserId, bell.Excerpt));
        Assert.Empty(await app.NotificationsAsync(general, NotificationKind.MajorCase));
    }

    private async Task<IEnumerable<string>> MajorCaseBellsAsync(int caseId) =>
        (await app.NotificationsAsync(caseId, NotificationKind.MajorCase)).Select(n => n.UserId).Order();
}
