using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>Exactly once, whatever happens to the watcher: restarts, a second process on the same file, a policy change.</summary>
public class ClockIdempotencyTests
{
    [Fact]
    public async Task A_restart_between_warning_and_breach_neither_repeats_nor_loses_an_escalation()
    {
        var first = new ClockApp { KeepFiles = true };
        await first.StartAsync();
        var caseId = await first.Desk.NewCase().InAsync(CaseState.Collected);
        var clock = CaseClocks.For(await first.Desk.CaseAsync(caseId), SlaPolicy.Default, first.Now).Single(c => c.Kind == ClockKind.Assessment);
        await first.ScanAtAsync(clock.WarnAt);
        await first.DisposeAsync();

        // Down from before the breach until well after it: the restarted watcher still escalates, once, and warns no more.
        await using var second = first.OnSameDatabase(new DateTimeOffset(clock.DueAt.AddMinutes(20), TimeSpan.Zero));
        await second.StartAsync();
        await second.ScanAsync();
        await second.ScanAsync();

        Assert.Equal([ClockThreshold.Warning, ClockThreshold.Breach],
            (await second.AlertsAsync(ClockAlert.CaseSubject(caseId))).Select(a => a.Threshold));
        Assert.Single(await second.NotificationsAsync(caseId, NotificationKind.ClockWarning));
        Assert.Equal(2, (await second.NotificationsAsync(caseId, NotificationKind.ClockBreach)).Count);
    }

    [Fact]
    public async Task Two_watchers_on_one_database_escalate_each_breach_once()
    {
        var one = new ClockApp { KeepFiles = true };
        await one.StartAsync();
        var ids = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await one.Desk.NewCase().InAsync(CaseState.Collected));
        }

        var due = (await one.Desk.CaseAsync(ids[^1])).CreatedAt + SlaPolicy.Default.Assessment;
        one.Time.SetUtcNow(new DateTimeOffset(due, TimeSpan.Zero));
        await using var two = one.OnSameDatabase(new DateTimeOffset(due, TimeSpan.Zero));
        await two.StartAsync();

        // Both read before either writes (the write lock is held meanwhile), so both try to record every breach.
        var recorded = await RaceAsync(one, two);

        Assert.Equal(ids.Count, recorded);
        foreach (var caseId in ids)
        {
            Assert.Single(await one.AlertsAsync(ClockAlert.CaseSubject(caseId)));
            Assert.Equal(2, (await one.NotificationsAsync(caseId, NotificationKind.ClockBreach)).Count);
            Assert.Single((await one.Desk.CaseAsync(caseId)).Timeline, t => t.Action == ClockBreached.Action);
        }

        await one.DisposeAsync();
    }

    private static async Task<int> RaceAsync(ClockApp one, ClockApp two)
    {
        Task<int> a, b;
        await using (await one.Desk.HoldWritesAsync(TimeSpan.FromMilliseconds(1500)))
        {
            // On threads of their own: SQLite waits for a lock synchronously, which would hold up this flow's release of it.
            a = Task.Run(one.ScanAsync);
            b = Task.Run(two.ScanAsync);
        }

        return (await a) + (await b);
    }

    [Fact]
    public async Task A_policy_change_gives_new_cases_the_new_durations_and_leaves_existing_deadlines_where_they_were()
    {
        await using var app = new ClockApp();
        await app.StartAsync();
        var before = await app.Desk.NewCase().InAsync(CaseState.Collected);
        var opened = app.Now;
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var policy = SaveClockPolicy.Command.From(SlaPolicy.Default) with { AssessmentMinutes = 240 };
        Assert.Equal(1, await app.Desk.SendAsync(DemoAccounts.Admin, policy));
        var after = await app.Desk.NewCase().InAsync(CaseState.Collected);

        await app.ScanAtAsync(opened + SlaPolicy.Default.Assessment);

        var breached = Assert.Single(await app.AlertsAsync(ClockAlert.CaseSubject(before)), a => a.Threshold == ClockThreshold.Breach);
        Assert.Equal((opened + TimeSpan.FromHours(2), 0), (breached.DueAt, breached.PolicyVersion));
        Assert.Empty(await app.AlertsAsync(ClockAlert.CaseSubject(after)));

        var afterOpened = opened.AddMinutes(1);
        await app.ScanAtAsync(afterOpened + TimeSpan.FromHours(3));
        var warned = Assert.Single(await app.AlertsAsync(ClockAlert.CaseSubject(after)));
        Assert.Equal((ClockThreshold.Warning, afterOpened + TimeSpan.FromHours(4), 1), (warned.Threshold, warned.DueAt, warned.PolicyVersion));
    }

    [Fact]
    public async Task A_list_row_warns_at_the_share_of_the_policy_version_its_case_keeps()
    {
        await using var app = new ClockApp();
        await app.StartAsync();
        var before = await app.Desk.NewCase().InAsync(CaseState.Collected);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.Desk.SendAsync(DemoAccounts.Admin, SaveClockPolicy.Command.From(SlaPolicy.Default) with { WarningPercent = 50 });
        var after = await app.Desk.NewCase().InAsync(CaseState.Collected);

        var rows = (await app.Desk.SendAsync(DemoAccounts.Duty, new App.Features.Cases.ListCases.Query())).Rows;
        var cards = (await app.Desk.SendAsync(DemoAccounts.Duty, new App.Features.Board.GetBoard.Query())).Columns.SelectMany(c => c.Cards).ToList();

        foreach (var (caseId, share) in new[] { (before, 0.75), (after, 0.5) })
        {
            var created = (await app.Desk.CaseAsync(caseId)).CreatedAt;
            var warnAt = created + SlaPolicy.Default.Assessment * share;
            Assert.Equal(warnAt, rows.Single(r => r.Id == caseId).NextClockWarnAt);
            Assert.Equal(warnAt, cards.Single(c => c.Id == caseId).NextClockWarnAt);
        }
    }

    [Fact]
    public async Task A_clock_duration_of_zero_or_below_is_refused_naming_the_clock_and_nothing_is_saved()
    {
        await using var app = new ClockApp();
        await app.StartAsync();

        foreach (var minutes in new[] { 0, -30 })
        {
            var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.Desk.SendAsync(DemoAccounts.Admin,
                SaveClockPolicy.Command.From(SlaPolicy.Default) with { ResponseMinutes = minutes }));
            var failure = Assert.Single(error.Errors);
            Assert.Equal("ResponseMinutes", failure.PropertyName);
            Assert.Contains("回应", failure.ErrorMessage);
        }

        var result = await app.Desk.SendAsync(DemoAccounts.Admin, new GetClockPolicy.Query());
        Assert.Equal(0, result.Current.Version);
    }

    [Fact]
    public async Task A_role_that_may_not_edit_the_clock_policy_is_refused_in_the_command_layer()
    {
        await using var app = new ClockApp();
        await app.StartAsync();
        var edit = SaveClockPolicy.Command.From(SlaPolicy.Default) with { ResponseMinutes = 60 };

        await Assert.ThrowsAsync<ForbiddenException>(() => app.Desk.SendAsync(DemoAccounts.Analyst, edit));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Desk.SendAsync(DemoAccounts.Supervisor, edit));
        // A section chief of a department, not of the opinion office.
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Desk.SendAsync(DemoAccounts.ConstructionChief, edit));
        Assert.Equal(1, await app.Desk.SendAsync(DemoAccounts.Chief, edit));
        Assert.Equal(1, (await app.Desk.SendAsync(DemoAccounts.Admin, new GetClockPolicy.Query())).Current.Version);
    }
}
