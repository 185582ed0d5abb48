using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpinionResponse.Infrastructure.Observability;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

/// <summary>
/// Every officer's triage page re-queries after each change: equal queries share one run (<see cref="TriageQueueCache"/>),
/// never across users who see different cases, and never a result from before the change.
/// </summary>
[Collection(TriageDesk.Name)]
public class TriageQueueCacheTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private TriageQueueCache Cache => fixture.App.Services.GetRequiredService<TriageQueueCache>();

    [Fact]
    public async Task Officers_asking_at_once_share_one_query_until_the_queue_changes()
    {
        var tag = Desk.Tag();
        await desk.LogItemAsync($"{tag} 自来水发黄");
        var (results, ran) = await UndisturbedAsync(() => Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            desk.SendAsync(i % 2 == 0 ? DemoAccounts.Duty : DemoAccounts.Analyst, new ListTriageQueue.Query(Search: tag)))));

        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal(1, ran);

        var second = await desk.LogItemAsync($"{tag} 路灯不亮");
        var after = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag));

        Assert.Equal(2, after.Total);
        Assert.Equal(second, after.Items[0].Id);
    }

    [Fact]
    public async Task Officers_of_one_scope_share_one_navigation_count_until_an_item_arrives()
    {
        // Officers of one scope (here the opinion office's) share a count; a unit counts only its own items (ItemScopeTests).
        var (counts, ran) = await UndisturbedAsync(() => Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            desk.SendAsync(i % 2 == 0 ? DemoAccounts.Analyst : DemoAccounts.Duty, new CountTriageQueue.Query()))));

        Assert.All(counts, c => Assert.Equal(counts[0], c));
        Assert.Equal(1, ran);
        var first = counts[0];

        await desk.LogItemAsync($"{Desk.Tag()} 计数加一");

        Assert.Equal(first + 1, await desk.SendAsync(DemoAccounts.Duty, new CountTriageQueue.Query()));
    }

    [Fact]
    public async Task Users_who_see_different_cases_do_not_share_a_result()
    {
        var tag = Desk.Tag();
        await desk.LogItemAsync($"{tag} 滨江村道路塌陷");
        var ((office, village), ran) = await UndisturbedAsync(async () => (
            await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag)),
            await desk.SendAsync(DemoAccounts.VillageOfficer, new ListTriageQueue.Query(Search: tag))));

        Assert.NotSame(office, village);
        Assert.Equal(2, ran);
        Assert.NotEqual(TriageQueueCache.VisibilityOf(desk.Actor(DemoAccounts.Duty)), TriageQueueCache.VisibilityOf(desk.Actor(DemoAccounts.VillageOfficer)));
    }

    [Fact]
    public async Task A_page_that_hears_of_a_new_item_reads_it_at_once()
    {
        // A page subscribes after the app started, as this test does; the cache subscribed at start-up, so it has moved to
        // a new version before the page's handler runs: the page's query must see the item the event is about.
        var tag = Desk.Tag();
        await desk.LogItemAsync($"{tag} 旧的一条");
        await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag)); // cached now
        var seen = new TaskCompletionSource<(IReadOnlyList<int> Event, IReadOnlyList<int> Listed)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var hub = fixture.App.Services.GetRequiredService<ILiveEventHub>();
        using var subscription = hub.Subscribe<ItemsChanged>(async e =>
        {
            if (e.Collected && !seen.Task.IsCompleted)
            {
                var listed = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag));
                seen.TrySetResult((e.ItemIds, listed.Items.Select(i => i.Id).ToList()));
            }
        });

        var id = await desk.LogItemAsync($"{tag} 新的一条");

        var (ids, listedIds) = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(id, ids);
        Assert.Contains(id, listedIds);
    }

    [Fact]
    public async Task A_suggestion_found_after_intake_is_announced_and_listed()
    {
        // The intake stages write their suggestions after the item is on screens: they must say so, or the pages (and this
        // cache) would show the row without it until something else changed. (An exact copy is found by both stages, so
        // this does not tell which one announced it.)
        var tag = Desk.Tag();
        await desk.LogItemAsync($"{tag} 幸福路路灯连续三晚不亮");
        await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag)); // cached now
        var announced = new System.Collections.Concurrent.ConcurrentBag<int>();
        var hub = fixture.App.Services.GetRequiredService<ILiveEventHub>();
        using var subscription = hub.Subscribe<ItemsChanged>(e =>
        {
            if (!e.Collected)
            {
                foreach (var id in e.ItemIds)
                {
                    announced.Add(id);
                }
            }

            return ValueTask.CompletedTask;
        });

        var copy = await desk.LogItemAsync($"{tag} 幸福路路灯连续三晚不亮");

        await OpinionResponse.Tests.Support.Eventually.HoldsAsync(() => announced.Contains(copy), TimeSpan.FromSeconds(15));
        var listed = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag));
        Assert.NotNull(listed.Items.Single(i => i.Id == copy).Suggestion);
    }

    [Fact]
    public async Task The_near_duplicate_stage_announces_the_suggestions_it_writes()
    {
        // The stage on its own (the intake also runs the same-matter stage, which announces too): its item is the copy of
        // an earlier one, its suggestion is already stored (the insert skips it), and it must still say the row changed.
        var tag = Desk.Tag();
        await desk.LogItemAsync($"{tag} 滨江路夜间施工噪音扰民严重");
        var copy = await desk.LogItemAsync($"{tag} 滨江路夜间施工噪音扰民严重");
        await OpinionResponse.Tests.Support.Eventually.HoldsAsync(async () =>
        {
            await using var db = await fixture.App.CreateDbContextAsync();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
                db.ItemSuggestions, s => s.ItemId == copy && s.Stage == OpinionResponse.Domain.Grouping.SuggestionStage.NearDuplicate);
        }, TimeSpan.FromSeconds(15));
        OpinionResponse.Domain.Items.OpinionItem item;
        await using (var db = await fixture.App.CreateDbContextAsync())
        {
            item = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Items, i => i.Id == copy);
        }

        var announced = new System.Collections.Concurrent.ConcurrentBag<int>();
        var hub = fixture.App.Services.GetRequiredService<ILiveEventHub>();
        using var subscription = hub.Subscribe<ItemsChanged>(e =>
        {
            if (!e.Collected)
            {
                foreach (var id in e.ItemIds)
                {
                    announced.Add(id);
                }
            }

            return ValueTask.CompletedTask;
        });
        var stage = fixture.App.Services.GetRequiredService<OpinionResponse.Infrastructure.Similarity.NearDuplicateStage>();

        await stage.OnIngestedAsync([item], CancellationToken.None);

        Assert.Contains(copy, announced);
    }

    /// <summary>
    /// Runs <paramref name="act"/> from a fresh version until no change of the queue came in the middle (the intake stages
    /// of earlier tests may still announce suggestions), and says how many queries it ran.
    /// </summary>
    private async Task<(T Result, long Ran)> UndisturbedAsync<T>(Func<Task<T>> act)
    {
        for (var attempt = 0; ; attempt++)
        {
            await desk.LogItemAsync($"{Desk.Tag()} 新版本"); // a new version: nothing cached for what follows
            var version = Cache.Version;
            using var ran = new MetricCollector<long>(fixture.App.Services.GetRequiredService<DeskMetrics>().Meter, "opinion.triage.queue.queries");
            var result = await act();
            if (Cache.Version == version || attempt == 10)
            {
                return (result, ran.GetMeasurementSnapshot().Sum(m => m.Value));
            }
        }
    }
}
