using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Leases;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Browser;
using OpinionResponse.Tests.Intake.Feeds;
using OpinionResponse.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace OpinionResponse.Tests.Nodes;

/// <summary>
/// The work that must happen once, with two real app processes on PostgreSQL and Redis (<see cref="ShortLeaseNodesFixture"/>):
/// one node does each piece of it, both say which, and when that node dies or stops the other carries on — each escalation,
/// suggestion and feed fetch still once.
/// </summary>
[Collection(ShortLeaseNodesCollection.Name)]
public sealed class ExactlyOnceTests(ShortLeaseNodesFixture nodes, ITestOutputHelper output)
{
    /// <summary>Long enough for the other node's round, sweep or poll to have shown itself had it run.</summary>
    private static readonly TimeSpan Straggler = TimeSpan.FromSeconds(3);

    /// <summary>A dead node's leases are taken at most a lease time after its last renewal plus one retry period (a third).</summary>
    private static readonly TimeSpan TakeoverBound = ShortLeaseNodesFixture.Lease * 4 / 3;

    /// <summary>What a loaded 2-core test machine adds to that bound: reading the table every 100 ms, a late timer.</summary>
    private static readonly TimeSpan MachineSlack = TimeSpan.FromSeconds(1.5);

    [PostgreSqlNodesFact]
    public async Task Both_nodes_name_the_same_holder_of_every_lease_and_only_that_node_says_it_holds_it()
    {
        LeasesSeen a = null!, b = null!;
        await Eventually.HoldsAsync(async () =>
        {
            (a, b) = (await ShortLeaseNodesFixture.LeasesSeenByAsync(nodes.A), await ShortLeaseNodesFixture.LeasesSeenByAsync(nodes.B));
            return new[] { LeaseNames.ClockWatcher, LeaseNames.FeedPoller, LeaseNames.AuditSealer, LeaseNames.IntakeStages }
                .All(name => a.Holders.GetValueOrDefault(name) is not null && a.Holders[name] == b.Holders.GetValueOrDefault(name));
        }, TimeSpan.FromSeconds(30));

        output.WriteLine($"A = {a.Node} holds [{string.Join(", ", a.Holds)}]; B = {b.Node} holds [{string.Join(", ", b.Holds)}]");
        Assert.NotEqual(a.Node, b.Node);
        foreach (var (name, holder) in a.Holders.Where(h => h.Value is not null))
        {
            Assert.Equal(holder, b.Holders[name]);
            Assert.Contains(holder, new[] { a.Node, b.Node });
            // The one it names says so, the other does not: no lease is worked on by both.
            Assert.Equal(holder == a.Node, a.Holds.Contains(name));
            Assert.Equal(holder == b.Node, b.Holds.Contains(name));
        }
    }

    [PostgreSqlNodesFact]
    public async Task An_overdue_case_gets_one_breach_one_timeline_entry_and_one_bell_per_person_from_the_one_node_that_watches()
    {
        var roundsBefore = await RoundsAsync();
        var caseId = await OpenCaseAsync(nodes.OnA, "北岸镇农贸市场冷链车辆噪音扰民");

        await ExpectBreachOnceAsync(caseId);
        var roundsAfter = await RoundsAsync();
        output.WriteLine($"Clock rounds meanwhile: A {roundsAfter.A - roundsBefore.A}, B {roundsAfter.B - roundsBefore.B}");
        Assert.Single(new[] { roundsAfter.A - roundsBefore.A, roundsAfter.B - roundsBefore.B }, rounds => rounds > 0);
    }

    [PostgreSqlNodesFact]
    public async Task Items_posted_alternately_to_both_nodes_get_their_suggestions_written_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var post = $"北岸镇滨江花园{tag}小区从昨天早上开始停水，到现在快三十个小时了，物业只说是管道爆了在抢修，也不说什么时候来水。"
            + "家里有老人小孩，做饭洗澡都成问题，希望自来水公司给个准话。";
        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var node = i % 2 == 0 ? nodes.A : nodes.B;
            ids.Add(await nodes.PostItemAsync(node, $"滨江花园{tag}停水 {i}", i == 0 ? post : $"转发{i}：{post}"));
        }

        var later = ids.Skip(1).ToList();
        await Eventually.HoldsAsync(async () =>
            (await SuggestionsAsync(ids)).Where(s => s.Stage == SuggestionStage.NearDuplicate).Select(s => s.ItemId).Distinct().Count() == later.Count,
            TimeSpan.FromSeconds(30));
        await Task.Delay(Straggler);

        var suggestions = await SuggestionsAsync(ids);
        output.WriteLine($"{suggestions.Count} suggestions for items {string.Join(", ", ids)}");
        Assert.All(suggestions.GroupBy(s => s), same => Assert.Single(same));
        Assert.All(later, id => Assert.Contains(suggestions, s => s.ItemId == id && s.Stage == SuggestionStage.NearDuplicate && s.RelatedItemId == ids[0]));
    }

    [PostgreSqlNodesFact]
    public async Task A_due_feed_is_fetched_once_per_due_time()
    {
        var server = new FeedFixtureServer();
        await server.InitializeAsync();
        try
        {
            var key = $"nodes-{Guid.NewGuid():N}";
            int feedId;
            await using (var db = await nodes.DbAsync())
            {
                // Due now; its interval (15 minutes) keeps it from falling due again by itself during the test.
                var feed = new Feed($"两节点测试源 {key[^6..]}", server.Map(key, new FeedRoute("atom.xml")), Channel.Forum, null, 15, "test", DateTime.UtcNow);
                db.Feeds.Add(feed);
                await db.SaveChangesAsync();
                feedId = feed.Id;
            }

            await Eventually.HoldsAsync(() => server.RequestsFor(key).Count > 0, TimeSpan.FromSeconds(20));
            await Task.Delay(Straggler);
            Assert.Single(server.RequestsFor(key));

            // Due again (as if its interval had passed): fetched once more, by one node.
            await using (var db = await nodes.DbAsync())
            {
                var now = DateTime.UtcNow;
                await db.Feeds.Where(f => f.Id == feedId).ExecuteUpdateAsync(s => s.SetProperty(f => f.NextPollAt, now));
            }

            await Eventually.HoldsAsync(() => server.RequestsFor(key).Count > 1, TimeSpan.FromSeconds(20));
            await Task.Delay(Straggler);
            Assert.Equal(2, server.RequestsFor(key).Count);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [PostgreSqlNodesFact]
    public async Task When_the_holder_is_killed_the_other_node_takes_every_lease_within_four_thirds_of_the_lease_time_and_escalates_what_fell_due_meanwhile_once()
    {
        var (victim, survivor) = await HolderAndOtherAsync();
        var victimId = (await ShortLeaseNodesFixture.LeasesSeenByAsync(victim)).Node;
        var survivorId = (await ShortLeaseNodesFixture.LeasesSeenByAsync(survivor)).Node;
        try
        {
            // Opened just before the holder dies: its assessment falls due while nobody may watch but the survivor.
            var caseId = await OpenCaseAsync(ReferenceEquals(survivor, nodes.A) ? nodes.OnA : nodes.OnB, "北岸镇滨江路夜间渣土车撒漏");
            var held = HeldBy(await nodes.LeasesAsync(), victimId);
            Assert.Contains(LeaseNames.ClockWatcher, held);

            var killedAt = DateTime.UtcNow;
            var watch = Stopwatch.StartNew();
            await victim.KillAsync();
            await Eventually.HoldsAsync(async () => held.IsSubsetOf(HeldBy(await nodes.LeasesAsync(), survivorId)), TakeoverBound * 2);
            var took = watch.Elapsed;

            output.WriteLine($"{survivor.Name} took [{string.Join(", ", held)}] {took.TotalSeconds:0.0} s after {victim.Name} was killed "
                + $"(leases of {ShortLeaseNodesFixture.LeaseSeconds} s: at most {TakeoverBound.TotalSeconds:0.0} s)");
            Assert.True(took <= TakeoverBound + MachineSlack, $"The takeover took {took.TotalSeconds:0.0} s");
            var breach = await ExpectBreachOnceAsync(caseId);
            Assert.True(breach.RecordedAt > killedAt, "The breach was recorded before the holder was killed: the test proves nothing about the takeover.");
        }
        finally
        {
            await nodes.ReplaceAsync(victim);
        }
    }

    [PostgreSqlNodesFact]
    public async Task When_the_holder_stops_normally_it_releases_its_leases_and_the_other_node_takes_them_without_waiting_for_them_to_expire()
    {
        var (holder, other) = await HolderAndOtherAsync();
        var holderId = (await ShortLeaseNodesFixture.LeasesSeenByAsync(holder)).Node;
        var otherId = (await ShortLeaseNodesFixture.LeasesSeenByAsync(other)).Node;
        try
        {
            var held = HeldBy(await nodes.LeasesAsync(), holderId);
            Assert.Contains(LeaseNames.ClockWatcher, held);

            await holder.StopAsync(TimeSpan.FromSeconds(30));
            var watch = Stopwatch.StartNew();
            // On its way out it gave them up: none is still reserved for it (free, or already the other's).
            var now = DateTime.UtcNow;
            Assert.Empty(HeldBy(await nodes.LeasesAsync(), holderId, now));
            await Eventually.HoldsAsync(async () => held.IsSubsetOf(HeldBy(await nodes.LeasesAsync(), otherId)), ShortLeaseNodesFixture.Lease * 2);
            var took = watch.Elapsed;

            output.WriteLine($"{other.Name} took [{string.Join(", ", held)}] {took.TotalSeconds:0.0} s after {holder.Name} stopped");
            // At its next try, every third of the lease time; had they been left to expire, two thirds at the least.
            Assert.True(took < ShortLeaseNodesFixture.Lease * 2 / 3, $"The handover took {took.TotalSeconds:0.0} s");
        }
        finally
        {
            await nodes.ReplaceAsync(holder);
        }
    }

    /// <summary>The node that holds the clock watcher's lease, and the other.</summary>
    private async Task<(NodeProcess Holder, NodeProcess Other)> HolderAndOtherAsync()
    {
        string? holder = null;
        await Eventually.HoldsAsync(async () =>
        {
            holder = Holders(await nodes.LeasesAsync()).GetValueOrDefault(LeaseNames.ClockWatcher);
            return holder is not null;
        }, TimeSpan.FromSeconds(30));
        var a = (await ShortLeaseNodesFixture.LeasesSeenByAsync(nodes.A)).Node;
        return holder == a ? (nodes.A, nodes.B) : (nodes.B, nodes.A);
    }

    /// <summary>The names of the leases <paramref name="node"/> holds now, per the table.</summary>
    private static HashSet<string> HeldBy(List<Lease> leases, string node, DateTime? at = null)
    {
        var now = at ?? DateTime.UtcNow;
        return leases.Where(l => l.Holder == node && l.ExpiresAt > now).Select(l => l.Name).ToHashSet();
    }

    /// <summary>Every unexpired lease's holder, by name.</summary>
    private static Dictionary<string, string> Holders(List<Lease> leases) =>
        leases.Where(l => l.ExpiresAt > DateTime.UtcNow).ToDictionary(l => l.Name, l => l.Holder);

    private async Task<int> OpenCaseAsync(IDeskBrowser on, string title)
    {
        await using var desk = new BrowserDesk(on);
        var caseId = 0;
        await desk.RunAsync(async () =>
        {
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            caseId = await chief.LogAndOpenCaseAsync($"{title} {Guid.NewGuid().ToString("N")[..6]}", "市民来电反映情况，请尽快核实处理。");
        });
        return caseId;
    }

    /// <summary>Waits for the case's assessment breach, then checks it was escalated once: one record, one timeline entry, one bell each.</summary>
    private async Task<ClockAlert> ExpectBreachOnceAsync(int caseId)
    {
        var subject = ClockAlert.CaseSubject(caseId);
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = await nodes.DbAsync();
            return await db.ClockAlerts.AnyAsync(a => a.Subject == subject && a.Threshold == ClockThreshold.Breach);
        }, ShortLeaseNodesFixture.AssessmentDue + TakeoverBound * 2);
        await Task.Delay(Straggler);

        await using var check = await nodes.DbAsync();
        var breach = Assert.Single(await check.ClockAlerts.AsNoTracking().Where(a => a.Subject == subject && a.Threshold == ClockThreshold.Breach).ToListAsync());
        var timeline = (await check.Cases.AsNoTracking().WithEverything().SingleAsync(c => c.Id == caseId)).Timeline;
        Assert.Single(timeline, t => t.Action == ClockBreached.Action);
        var bells = await check.Notifications.AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == NotificationKind.ClockBreach).ToListAsync();
        Assert.NotEmpty(bells);
        Assert.All(bells.GroupBy(n => n.UserId), person => Assert.Single(person));
        return breach;
    }

    private async Task<(long A, long B)> RoundsAsync() =>
        (await ShortLeaseNodesFixture.ClockRoundsAsync(nodes.A), await ShortLeaseNodesFixture.ClockRoundsAsync(nodes.B));

    private async Task<List<(int ItemId, int? RelatedItemId, int? CaseId, SuggestionStage Stage)>> SuggestionsAsync(List<int> ids)
    {
        await using var db = await nodes.DbAsync();
        return (await db.ItemSuggestions.AsNoTracking().Where(s => ids.Contains(s.ItemId))
                .Select(s => new { s.ItemId, s.RelatedItemId, s.CaseId, s.Stage }).ToListAsync())
            .Select(s => (s.ItemId, s.RelatedItemId, s.CaseId, s.Stage)).ToList();
    }
}
