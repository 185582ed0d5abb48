using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Duty;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Duty;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>The roster decides who hears of a breach at that moment; bad shifts are refused and change nothing.</summary>
public class DutyRosterTests : IAsyncLifetime
{
    private readonly ClockApp app = new();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string Id(DemoAccount account) => app.Desk.Actor(account).UserId;

    private PlanShift.Command Shift(DateTime beijingDay, int startHour, int endHour, DemoAccount? leader, DemoAccount officer) =>
        app.Shift(beijingDay, startHour, endHour, leader, officer);

    [Fact]
    public async Task A_breach_at_the_midnight_change_of_shift_goes_to_the_new_shift()
    {
        // A case opened two hours before a Beijing midnight falls due exactly when the evening shift hands over to the night shift.
        var midnight = app.TwoHoursBeforeMidnight();
        await app.Desk.SendAsync(DemoAccounts.Admin, Shift(midnight.AddDays(-1), 16, 0, DemoAccounts.Chief, DemoAccounts.Analyst));
        await app.Desk.SendAsync(DemoAccounts.Admin, Shift(midnight, 0, 8, DemoAccounts.Supervisor, DemoAccounts.Duty));
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Collected);
        Assert.Equal(midnight.FromBeijing(), (await app.Desk.CaseAsync(caseId)).CreatedAt + SlaPolicy.Default.Assessment);

        await app.ScanAtAsync(midnight.FromBeijing());

        var notified = (await app.NotificationsAsync(caseId, NotificationKind.ClockBreach)).Select(n => n.UserId).ToHashSet();
        Assert.Contains(Id(DemoAccounts.Supervisor), notified);
        Assert.Contains(Id(DemoAccounts.Duty), notified);
        Assert.DoesNotContain(Id(DemoAccounts.Analyst), notified);
        Assert.False(Assert.Single(await app.AlertsAsync(ClockAlert.CaseSubject(caseId)), a => a.Threshold == ClockThreshold.Breach).NobodyOnDuty);
    }

    [Fact]
    public async Task Overlapping_shifts_for_one_person_are_refused_and_nothing_changes()
    {
        var day = app.Now.ToBeijing().Date.AddDays(3);
        await app.Desk.SendAsync(DemoAccounts.Admin, Shift(day, 8, 20, DemoAccounts.Chief, DemoAccounts.Duty));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            app.Desk.SendAsync(DemoAccounts.Admin, Shift(day, 18, 2, DemoAccounts.Head, DemoAccounts.Duty)));

        Assert.Equal(DutyErrors.Overlap, error.Code);
        Assert.Single(await ShiftsAsync());
    }

    [Fact]
    public async Task A_shift_without_a_leader_is_refused_naming_the_field_and_nothing_changes()
    {
        var day = app.Now.ToBeijing().Date.AddDays(3);

        var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.Desk.SendAsync(DemoAccounts.Admin, Shift(day, 8, 20, null, DemoAccounts.Duty)));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(PlanShift.Command.LeaderId), failure.PropertyName);
        Assert.Contains("带班领导", failure.ErrorMessage);
        Assert.Empty(await ShiftsAsync());
    }

    [Fact]
    public async Task Copying_a_week_plans_the_same_shifts_seven_days_later_and_the_gaps_ahead_are_found()
    {
        var monday = app.Now.ToBeijing().Date.AddDays(-(((int)app.Now.ToBeijing().DayOfWeek + 6) % 7));
        await app.Desk.SendAsync(DemoAccounts.Chief, Shift(monday.AddDays(1), 8, 20, DemoAccounts.Chief, DemoAccounts.Duty));

        Assert.Equal(1, await app.Desk.SendAsync(DemoAccounts.Chief, new CopyWeek.Command(monday)));
        var next = await app.Desk.SendAsync(DemoAccounts.Duty, new GetRosterWeek.Query(monday.AddDays(7)));

        var copy = Assert.Single(next.Shifts);
        Assert.Equal(monday.AddDays(8).AddHours(8), copy.StartsAt.ToBeijing());
        Assert.NotEmpty(next.GapsAhead);
        // Copying again would put the same people on two shifts at once: refused whole.
        await Assert.ThrowsAsync<DomainException>(() => app.Desk.SendAsync(DemoAccounts.Chief, new CopyWeek.Command(monday)));
        Assert.Equal(2, (await ShiftsAsync()).Count);
    }

    [Fact]
    public void Gaps_are_the_stretches_no_shift_covers_and_a_shift_covers_up_to_not_including_its_end()
    {
        var t0 = new DateTime(2026, 12, 3, 16, 0, 0, DateTimeKind.Utc);
        var evening = DutyShift.Plan(t0, t0.AddHours(8), new("a", "甲", "1"), new("b", "乙", "2"), []);
        var night = DutyShift.Plan(t0.AddHours(10), t0.AddHours(16), new("c", "丙", "3"), new("d", "丁", "4"), [evening]);

        Assert.Equal([(t0.AddHours(8), t0.AddHours(10)), (t0.AddHours(16), t0.AddHours(24))],
            DutyRosterRules.Gaps([night, evening], t0, t0.AddHours(24)));
        Assert.False(evening.Covers(t0.AddHours(8)));
        Assert.True(night.Covers(t0.AddHours(10)));
    }

    private async Task<List<DutyShift>> ShiftsAsync()
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.DutyShifts.AsNoTracking().ToListAsync();
    }
}
