using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpinionResponse.App.Features.Feeds;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Leases;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Infrastructure.Similarity;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Intake.Feeds;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Leases;

/// <summary>
/// Two app hosts — two DI containers, two sets of background jobs — on one database file, as two nodes behind a proxy:
/// the work that must happen once happens once, and a node takes it over when the holder stops.
/// </summary>
public class TwoNodeTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    /// <summary>Long enough for a second node's round, sweep or poll to have shown itself had it run.</summary>
    private static readonly TimeSpan Straggler = TimeSpan.FromMilliseconds(2500);

    [Fact]
    public async Task With_both_watchers_running_an_overdue_case_gets_one_breach_one_timeline_entry_and_one_bell_per_person_from_one_node()
    {
        var (a, b) = await StartAsync(new NodeApp(new FakeTimeProvider(DateTimeOffset.UtcNow)) { WatchClocks = true });
        try
        {
            var desk = await Desk.CreateAsync(a);
            var caseId = await desk.NewCase().InAsync(CaseState.Collected);
            var due = (await desk.CaseAsync(caseId)).CreatedAt + SlaPolicy.Default.Assessment;

            // Both watchers wake for their next round past the due time.
            SetBoth(a, b, due.AddMinutes(1));
            await Eventually.HoldsAsync(async () => (await AlertsAsync(a, caseId)).Count > 0, Within);
            await Task.Delay(Straggler);

            Assert.Equal(ClockThreshold.Breach, Assert.Single(await AlertsAsync(a, caseId)).Threshold);
            Assert.Single((await desk.CaseAsync(caseId)).Timeline, t => t.Action == ClockBreached.Action);
            var bells = await BellsAsync(a, caseId);
            Assert.NotEmpty(bells);
            Assert.All(bells.GroupBy(n => n.UserId), person => Assert.Single(person));
            // The unique keys alone would give the same rows; the lease also keeps the second node from doing the rounds.
            Assert.Single(new[] { a, b }, node => node.Watcher.RoundsRun > 0);
        }
        finally
        {
            await StopAsync(a, b);
        }
    }

    [Fact]
    public async Task When_the_holder_stops_the_other_node_takes_the_watcher_over_once_the_lease_has_expired_and_not_before()
    {
        var (a, b) = await StartAsync(new NodeApp(new FakeTimeProvider(DateTimeOffset.UtcNow)) { WatchClocks = true });
        try
        {
            var start = a.Time!.GetUtcNow().UtcDateTime;
            SetBoth(a, b, start.AddSeconds(30));
            await Eventually.HoldsAsync(() => a.Watcher.RoundsRun + b.Watcher.RoundsRun == 1, Within);
            var (holder, other) = a.Watcher.RoundsRun == 1 ? (a, b) : (b, a);
            var token = holder.Leases.Token(LeaseNames.ClockWatcher);

            // The holder dies without releasing: its clock stands still, so it neither renews nor watches again. At the
            // other's next round the lease (taken at +30 s for 30 s) has not yet expired…
            other.Time!.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(Straggler);
            Assert.Equal(0, other.Watcher.RoundsRun);

            // …at the one after, it has: the other node takes it, with the next fencing token, and watches.
            other.Time.Advance(TimeSpan.FromSeconds(30));
            await Eventually.HoldsAsync(() => other.Watcher.RoundsRun == 1, Within);
            Assert.Equal(token + 1, other.Leases.Token(LeaseNames.ClockWatcher));
            Assert.Equal(1, holder.Watcher.RoundsRun);
        }
        finally
        {
            await StopAsync(a, b);
        }
    }

    [Fact]
    public async Task Items_posted_to_both_nodes_get_their_near_duplicate_suggestions_once()
    {
        var (a, b) = await StartAsync(new NodeApp());
        try
        {
            await a.Services.GetRequiredService<NearDuplicateService>().Loaded;
            await b.Services.GetRequiredService<NearDuplicateService>().Loaded;

            // Each node sees the others' items only in the database: whichever runs the stages must read them there.
            var original = await SubmitAsync(a, Post);
            var repost = await SubmitAsync(b, "求扩散！//@北岸小灵通: " + Post.Replace("，", ",") + "😡");
            var again = await SubmitAsync(a, "转发：" + Post);
            var fromB = await SubmitAsync(b, Post + "（网友爆料）");
            await Eventually.HoldsAsync(async () => (await NearDuplicatesAsync(a)).Select(s => s.ItemId).Distinct().Count() == 3, Within);
            await Task.Delay(Straggler);

            var pairs = await NearDuplicatesAsync(a);
            Assert.All(pairs.GroupBy(p => p), pair => Assert.Single(pair));
            Assert.Contains((repost, original), pairs);
            Assert.Contains((again, original), pairs);
            Assert.Contains((fromB, original), pairs);
            Assert.DoesNotContain(pairs, p => p.ItemId == original);
        }
        finally
        {
            await StopAsync(a, b);
        }
    }

    [Fact]
    public async Task A_due_feed_is_polled_by_one_node()
    {
        var server = new FeedFixtureServer();
        await server.InitializeAsync();
        var first = new NodeApp(new FakeTimeProvider(DateTimeOffset.UtcNow));
        first.Settings["Feeds:Enabled"] = "true";
        first.Settings["Feeds:PollEverySeconds"] = "60";
        first.Settings["Feeds:AllowedHosts:0"] = FeedFixtureServer.Host;
        var (a, b) = await StartAsync(first);
        try
        {
            var key = $"two-nodes-{Guid.NewGuid():N}";
            await a.SendAsync(DemoAccounts.Admin, new AddFeed.Command
            {
                Name = "两节点测试源",
                Url = server.Map(key, new FeedRoute("atom.xml")),
                Channel = Channel.Forum,
                IntervalMinutes = 15,
            });

            SetBoth(a, b, a.Time!.GetUtcNow().UtcDateTime.AddSeconds(60));
            await Eventually.HoldsAsync(() => server.RequestsFor(key).Count > 0, Within);
            await Task.Delay(Straggler);

            Assert.Single(server.RequestsFor(key));
        }
        finally
        {
            await StopAsync(a, b);
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Readiness_names_each_node_and_the_one_holder_of_the_stages()
    {
        var (a, b) = await StartAsync(new NodeApp());
        try
        {
            await Eventually.HoldsAsync(() => a.Leases.Token(LeaseNames.IntakeStages) is not null || b.Leases.Token(LeaseNames.IntakeStages) is not null, Within);
            var holder = a.Leases.Token(LeaseNames.IntakeStages) is not null ? a : b;

            foreach (var node in new[] { a, b })
            {
                using var body = JsonDocument.Parse((await node.LocalReadinessAsync()).Body);
                var leases = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "leases");
                var data = leases.GetProperty("data");
                Assert.Equal(node.Leases.Node, data.GetProperty("node").GetString());
                Assert.StartsWith(holder.Leases.Node + " until", data.GetProperty("lease:" + LeaseNames.IntakeStages).GetString());
            }
        }
        finally
        {
            await StopAsync(a, b);
        }
    }

    private const string Post =
        "滨江小区从昨天早上开始停水，到现在快三十个小时了，物业只说是管道爆了在抢修，也不说什么时候来水。家里有老人小孩，做饭洗澡都成问题，希望自来水公司给个准话。";

    /// <summary>Starts <paramref name="first"/> and a second node on its database file.</summary>
    private static async Task<(NodeApp A, NodeApp B)> StartAsync(NodeApp first)
    {
        await first.InitializeAsync();
        var second = first.NextNode();
        // The first node, stopped last, removes the shared folder.
        second.KeepFiles = true;
        await second.InitializeAsync();
        return (first, second);
    }

    private static async Task StopAsync(NodeApp a, NodeApp b)
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    private static void SetBoth(NodeApp a, NodeApp b, DateTime utc)
    {
        a.Time!.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));
        b.Time!.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));
    }

    private static async Task<int> SubmitAsync(NodeApp node, string content)
    {
        var results = await node.Services.GetRequiredService<IItemIntake>().SubmitAsync(await node.Services.CheckedAsync(new ItemSubmission
        {
            Channel = Channel.Weibo, Title = string.Empty, Content = content, CollectedBy = "测试", ExternalId = Guid.NewGuid().ToString("N"),
        }), CancellationToken.None);
        return results.Single().ItemId;
    }

    private static async Task<List<(int ItemId, int RelatedItemId)>> NearDuplicatesAsync(NodeApp node)
    {
        await using var db = await node.CreateDbContextAsync();
        return (await db.ItemSuggestions.AsNoTracking().Where(s => s.Stage == SuggestionStage.NearDuplicate)
                .Select(s => new { s.ItemId, s.RelatedItemId }).ToListAsync())
            .Select(s => (s.ItemId, s.RelatedItemId ?? 0)).ToList();
    }

    private static async Task<List<ClockAlert>> AlertsAsync(NodeApp node, int caseId)
    {
        await using var db = await node.CreateDbContextAsync();
        var subject = ClockAlert.CaseSubject(caseId);
        return await db.ClockAlerts.AsNoTracking().Where(a => a.Subject == subject).ToListAsync();
    }

    private static async Task<List<Notification>> BellsAsync(NodeApp node, int caseId)
    {
        await using var db = await node.CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == NotificationKind.ClockBreach).ToListAsync();
    }
}
