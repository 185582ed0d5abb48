using OpinionResponse.App.Features.Cases.Tasks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>
/// A task's (转办) due time is a clock: at 75 % of the time from assignment to due the unit holding it is warned, at 100 %
/// the breach — naming that unit — is escalated and goes on the timeline; each once, by the watcher's one path.
/// </summary>
public class TaskClockTests : IAsyncLifetime
{
    private readonly ClockApp app = new();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_task_warns_its_unit_at_75_percent_and_breaches_to_the_chiefs_at_100_percent_once()
    {
        var (caseId, task) = await AssignAsync(TimeSpan.FromHours(4));
        var clock = CaseClocks.ForTask(task, null, SlaPolicy.Default, app.Now);
        Assert.Equal(task.AssignedAt + TimeSpan.FromHours(3), clock.WarnAt);
        var subject = ClockAlert.TaskSubject(task.Id);

        await app.ScanAtAsync(clock.WarnAt.AddSeconds(-1));
        Assert.Empty(await app.AlertsAsync(subject));

        await app.ScanAtAsync(clock.WarnAt);
        await app.ScanAtAsync(clock.WarnAt.AddMinutes(1));
        var warning = Assert.Single(await app.AlertsAsync(subject));
        Assert.Equal((ClockKind.Task, ClockThreshold.Warning, caseId, task.Id), (warning.Clock, warning.Threshold, warning.CaseId, warning.TaskId));
        // The unit that holds the task: its section chief and its officer (every member), not the case owner.
        Assert.Equal(new[] { app.UserId(DemoAccounts.ConstructionChief), app.UserId(DemoAccounts.ConstructionOfficer) }.Order(),
            (await TaskNotificationsAsync(caseId, NotificationKind.ClockWarning)).Order());

        await app.ScanAtAsync(clock.DueAt);
        await app.ScanAtAsync(clock.DueAt.AddMinutes(1));
        var alerts = await app.AlertsAsync(subject);
        Assert.Equal([ClockThreshold.Warning, ClockThreshold.Breach], alerts.Select(a => a.Threshold));
        var breach = alerts[1];
        Assert.Equal((app.Desk.Unit(DemoAccounts.Construction), task.DueAt), (breach.UnitId, breach.DueAt));
        Assert.True(breach.NobodyOnDuty);
        // The chiefs of the case's unit (the opinion office) and of the task's unit; nobody rostered, so the unit head stands in.
        Assert.Equal(new[] { app.UserId(DemoAccounts.Chief), app.UserId(DemoAccounts.Head), app.UserId(DemoAccounts.ConstructionChief) }.Order(),
            (await TaskNotificationsAsync(caseId, NotificationKind.ClockBreach)).Order());
        Assert.Single((await app.Desk.CaseAsync(caseId)).Timeline, t => t.Action == ClockBreached.Action && t.Detail!.StartsWith("Task "));
    }

    [Fact]
    public async Task A_task_breach_goes_to_the_people_on_duty_and_keeps_how_late_the_feedback_came()
    {
        var (caseId, task) = await AssignAsync(TimeSpan.FromHours(2));
        var day = task.DueAt.AddHours(8).Date;
        // Whole days around the due time, so the breach falls on a shift whatever the hour the test runs.
        await app.Desk.SendAsync(DemoAccounts.Admin, app.Shift(day, 0, 0, DemoAccounts.Supervisor, DemoAccounts.Duty));
        await app.Desk.SendAsync(DemoAccounts.Admin, app.Shift(day.AddDays(1), 0, 0, DemoAccounts.Supervisor, DemoAccounts.Duty));
        await app.ScanAtAsync(task.DueAt.AddMinutes(5));

        var notified = await TaskNotificationsAsync(caseId, NotificationKind.ClockBreach);
        Assert.Contains(app.UserId(DemoAccounts.Supervisor), notified);
        Assert.Contains(app.UserId(DemoAccounts.Duty), notified);
        Assert.False(Assert.Single(await app.AlertsAsync(ClockAlert.TaskSubject(task.Id))).NobodyOnDuty);

        app.Time.SetUtcNow(new DateTimeOffset(task.DueAt.AddMinutes(50), TimeSpan.Zero));
        await app.Desk.SendAsync(DemoAccounts.ConstructionOfficer, new GiveTaskFeedback.Command { CaseId = caseId, TaskId = task.Id, Feedback = "已入户核实" });
        await app.ScanAsync();

        var breach = Assert.Single(await app.AlertsAsync(ClockAlert.TaskSubject(task.Id)));
        Assert.Equal(TimeSpan.FromMinutes(50), breach.LatenessAt(app.Now.AddDays(1)));
    }

    [Fact]
    public async Task A_task_answered_in_time_never_warns_or_breaches()
    {
        var (caseId, task) = await AssignAsync(TimeSpan.FromHours(4));
        app.Time.Advance(TimeSpan.FromHours(1));
        await app.Desk.SendAsync(DemoAccounts.ConstructionOfficer, new GiveTaskFeedback.Command { CaseId = caseId, TaskId = task.Id, Feedback = "已处理" });

        await app.ScanAtAsync(task.DueAt.AddHours(1));

        Assert.Empty(await app.AlertsAsync(ClockAlert.TaskSubject(task.Id)));
    }

    private async Task<(int CaseId, CaseTask Task)> AssignAsync(TimeSpan dueIn)
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Disposing);
        await app.Desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = caseId,
            UnitId = app.Desk.Unit(DemoAccounts.Construction),
            Description = "核实占道施工情况",
            DueAt = app.Now + dueIn,
        });
        return (caseId, Assert.Single((await app.Desk.CaseAsync(caseId)).Tasks));
    }

    private async Task<List<string>> TaskNotificationsAsync(int caseId, NotificationKind kind) =>
        (await app.NotificationsAsync(caseId, kind)).Where(n => n.Excerpt!.StartsWith($"{ClockKind.Task} ", StringComparison.Ordinal))
        .Select(n => n.UserId).ToList();
}
