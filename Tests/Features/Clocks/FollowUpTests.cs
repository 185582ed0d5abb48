using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Cases.Effect;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.App.Features.Notifications;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>
/// What follows a publication and a close: the watcher asks the owner for an effect evaluation at the clock policy's two
/// checks, once each, and raises one 舆情反弹 alert per burst of items grouped to a closed case — real mediator, real SQLite
/// file, time moved by a fake clock.
/// </summary>
public class FollowUpTests : IAsyncLifetime
{
    private readonly ClockApp app = new();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_owner_is_asked_for_an_evaluation_24_and_72_hours_after_publication_once_each()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Published);
        var published = await PublishedAtAsync(caseId);

        await app.ScanAtAsync(published.AddHours(24).AddSeconds(-1));
        Assert.Empty(await app.NotificationsAsync(caseId, NotificationKind.EffectCheckDue));

        await app.ScanAtAsync(published.AddHours(24));
        await app.ScanAsync();
        var first = Assert.Single(await app.NotificationsAsync(caseId, NotificationKind.EffectCheckDue));
        Assert.Equal((app.UserId(DemoAccounts.Duty), "24"), (first.UserId, first.Excerpt));

        await app.ScanAtAsync(published.AddHours(72));
        await app.ScanAsync();
        Assert.Equal(["24", "72"], (await app.NotificationsAsync(caseId, NotificationKind.EffectCheckDue)).Select(n => n.Excerpt));

        // A restart later on looks again and asks nothing twice.
        await using var restarted = app.OnSameDatabase(new DateTimeOffset(published.AddHours(80), TimeSpan.Zero));
        await restarted.StartAsync();
        await restarted.ScanAsync();
        Assert.Equal(2, (await app.NotificationsAsync(caseId, NotificationKind.EffectCheckDue)).Count);
    }

    [Fact]
    public async Task The_checks_follow_the_durations_saved_on_the_clock_policy()
    {
        var current = (await app.Desk.SendAsync(DemoAccounts.Admin, new GetClockPolicy.Query())).Current;
        await app.Desk.SendAsync(DemoAccounts.Admin, SaveClockPolicy.Command.From(current) with { EffectFirstCheckHours = 2, EffectSecondCheckHours = 5 });
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Published);
        var published = await PublishedAtAsync(caseId);

        await app.ScanAtAsync(published.AddHours(2).AddSeconds(-1));
        Assert.Empty(await app.NotificationsAsync(caseId, NotificationKind.EffectCheckDue));
        await app.ScanAtAsync(published.AddHours(2));
        await app.ScanAtAsync(published.AddHours(5));

        Assert.Equal(["2", "5"], (await app.NotificationsAsync(caseId, NotificationKind.EffectCheckDue)).Select(n => n.Excerpt));
    }

    [Fact]
    public async Task The_evaluation_records_what_happened_since_publication()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Published);
        var published = await PublishedAtAsync(caseId);
        var first = Assert.Single(await app.Desk.ItemsOfAsync(caseId));
        await ObserveAsync(first.Id, published.AddHours(-1), 1000, 10, 10, 10);
        await ObserveAsync(first.Id, published.AddHours(2), 5000, 50, 50, 50);
        app.Time.SetUtcNow(new DateTimeOffset(published.AddHours(3), TimeSpan.Zero));
        var unhappy = await AttachNewItemAsync(caseId, "网友：问题还是没有解决，继续投诉");
        await AttachNewItemAsync(caseId, "感谢镇政府及时处理，已解决");
        await ObserveAsync(unhappy, published.AddHours(3), 2000, 0, 0, 0);

        await app.Desk.SendAsync(DemoAccounts.Analyst, new EvaluateEffect.Command
        {
            CaseId = caseId,
            Outcome = EffectOutcome.Continuing,
            Note = "仍有网友质疑，继续跟踪",
        });

        var @case = await app.Desk.CaseAsync(caseId);
        var evaluation = Assert.Single(@case.EffectEvaluations);
        Assert.Equal((EffectOutcome.Continuing, 1, 2), (evaluation.Outcome, evaluation.ResponseSequence, evaluation.NewItems));
        Assert.Equal(RiskScorer.Engagement(1000, 10, 10, 10), evaluation.EngagementAtPublication);
        Assert.Equal(RiskScorer.Engagement(5000, 50, 50, 50) + RiskScorer.Engagement(2000, 0, 0, 0), evaluation.EngagementNow);
        // 还是、没有解决、继续、投诉 in one; 感谢、及时、已解决 in the other.
        Assert.Equal((4, 3), (evaluation.NegativeWords, evaluation.PositiveWords));
        Assert.Contains(@case.Timeline, e => e.Action == nameof(CaseTrigger.EvaluateEffect) && e.Detail == nameof(EffectOutcome.Continuing));
    }

    [Fact]
    public async Task An_evaluation_without_an_outcome_is_refused_naming_the_field()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Published);

        await Expect.InvalidAsync(() => app.Desk.SendAsync(DemoAccounts.Analyst, new EvaluateEffect.Command { CaseId = caseId, Note = "待定" }),
            nameof(EvaluateEffect.Command.Outcome));

        Assert.Empty((await app.Desk.CaseAsync(caseId)).EffectEvaluations);
    }

    [Fact]
    public async Task A_burst_of_items_grouped_to_a_closed_case_raises_one_rebound_alert()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Closed);
        var closedAt = (await app.Desk.CaseAsync(caseId)).ClosedAt!.Value;
        var recipients = new[] { app.UserId(DemoAccounts.Duty), app.UserId(DemoAccounts.Chief) }.Order().ToList();

        app.Time.SetUtcNow(new DateTimeOffset(closedAt.AddDays(3), TimeSpan.Zero));
        await AttachNewItemAsync(caseId, "滨江村又停水了");
        await app.ScanAsync();
        Assert.Equal(recipients, (await app.NotificationsAsync(caseId, NotificationKind.ReboundAlert)).Select(n => n.UserId).Order());

        // Within the hour: the same burst, no new alert.
        app.Time.Advance(TimeSpan.FromMinutes(40));
        await AttachNewItemAsync(caseId, "滨江村停水，转发");
        await app.ScanAsync();
        Assert.Equal(2, (await app.NotificationsAsync(caseId, NotificationKind.ReboundAlert)).Count);

        // Later: a new burst, one more alert; a restart raises nothing again.
        app.Time.Advance(TimeSpan.FromHours(2));
        await AttachNewItemAsync(caseId, "滨江村第三天停水");
        await app.ScanAsync();
        await app.ScanAsync();
        Assert.Equal(4, (await app.NotificationsAsync(caseId, NotificationKind.ReboundAlert)).Count);
        await using var restarted = app.OnSameDatabase(app.Time.GetUtcNow());
        await restarted.StartAsync();
        await restarted.ScanAsync();
        Assert.Equal(4, (await app.NotificationsAsync(caseId, NotificationKind.ReboundAlert)).Count);
        Assert.Equal(3, (await app.Desk.ItemsOfAsync(caseId)).Count - 1);
    }

    [Fact]
    public async Task The_alert_leads_to_the_reopen_dialog_and_the_chief_reopens()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Closed);
        app.Time.Advance(TimeSpan.FromDays(1));
        await AttachNewItemAsync(caseId, "滨江村又停水了");
        await app.ScanAsync();

        var bell = await app.Desk.SendAsync(DemoAccounts.Chief, new ListMyNotifications.Query());
        var alert = Assert.Single(bell.Rows, r => r.Kind == NotificationKind.ReboundAlert);
        Assert.Equal($"cases/{caseId}?reopen=rebound", alert.Target);

        await app.Desk.SendAsync(DemoAccounts.Chief, new ReopenCase.Command { CaseId = caseId, Reason = "舆情反弹：办结后出现新的相关信息。" });

        var @case = await app.Desk.CaseAsync(caseId);
        Assert.Equal(CaseState.Assessing, @case.State);
        Assert.Equal(2, (await app.Desk.ItemsOfAsync(caseId)).Count);
    }

    [Fact]
    public async Task An_item_after_the_rebound_window_is_refused_and_stays_in_the_queue()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Closed);
        app.Time.Advance(TimeSpan.FromDays(31));
        var itemId = await app.Desk.LogItemAsync("滨江村停水（一个月后）");

        await Expect.RefusedAsync(() => app.Desk.SendAsync(DemoAccounts.Duty, new AttachItemToCase.Command(itemId, caseId)),
            DomainErrors.TriggerNotAllowed);

        Assert.Equal(TriageStatus.New, (await app.Desk.ItemAsync(itemId)).Status);
        await app.ScanAsync();
        Assert.Empty(await app.NotificationsAsync(caseId, NotificationKind.ReboundAlert));
    }

    [Theory]
    [InlineData(0, 72, 30, "EffectFirstCheckHours", "首次效果评估")]
    [InlineData(72, 24, 30, "EffectSecondCheckHours", "晚于首次效果评估")]
    [InlineData(24, 24, 30, "EffectSecondCheckHours", "晚于首次效果评估")]
    [InlineData(24, 72, 0, "ReboundWindowDays", "舆情反弹监测期")]
    public async Task Absurd_follow_up_durations_are_refused_naming_the_field_and_nothing_is_saved(int first, int second, int reboundDays,
        string field, string message)
    {
        var error = await Expect.InvalidAsync(() => app.Desk.SendAsync(DemoAccounts.Admin, SaveClockPolicy.Command.From(SlaPolicy.Default) with
        {
            EffectFirstCheckHours = first,
            EffectSecondCheckHours = second,
            ReboundWindowDays = reboundDays,
        }), field);

        Assert.Contains(message, Assert.Single(error.Errors).ErrorMessage);
        Assert.Equal(0, (await app.Desk.SendAsync(DemoAccounts.Admin, new GetClockPolicy.Query())).Current.Version);
    }

    private async Task<int> AttachNewItemAsync(int caseId, string title)
    {
        var itemId = await app.Desk.LogItemAsync(title);
        await app.Desk.SendAsync(DemoAccounts.Duty, new AttachItemToCase.Command(itemId, caseId));
        return itemId;
    }

    private async Task<DateTime> PublishedAtAsync(int caseId) => (await app.Desk.CaseAsync(caseId)).LatestPublishedResponse!.PublishedAt!.Value;

    private async Task ObserveAsync(int itemId, DateTime at, long views, long shares, long comments, long likes)
    {
        await using var db = await app.CreateDbContextAsync();
        db.EngagementObservations.Add(new EngagementObservation(itemId, at, views, shares, comments, likes));
        await db.SaveChangesAsync();
    }
}
