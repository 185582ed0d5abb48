using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Infrastructure.Similarity;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Similarity;

/// <summary>
/// The near-duplicate stage at intake, on the real app and a real SQLite file, through the one write path
/// (<see cref="IItemIntake"/>): suggestions, and auto-attach only when both the global switch and the source allow it.
/// </summary>
public class NearDuplicateIntakeTests
{
    private const string Post =
        "滨江小区从昨天早上开始停水，到现在快三十个小时了，物业只说是管道爆了在抢修，也不说什么时候来水。家里有老人小孩，做饭洗澡都成问题，希望自来水公司给个准话。";

    private static readonly string Repost = "求扩散！//@北岸小灵通: " + Post.Replace("，", ",") + "😡";

    [Fact]
    public async Task A_repost_of_an_item_in_an_open_case_gets_a_near_duplicate_suggestion_for_that_case()
    {
        await using var app = new SwitchableApp(autoAttach: false);
        await app.InitializeAsync();
        var (original, caseId) = await OpenCaseAsync(app);

        var repost = await SubmitAsync(app, Repost, ItemSources.Manual);

        var suggestion = await SuggestionAsync(app, repost);
        Assert.Equal((original, (int?)caseId), (suggestion.RelatedItemId, suggestion.CaseId));
        Assert.Equal(SuggestionStage.NearDuplicate, suggestion.Stage);
        Assert.Equal("[{\"kind\":\"nearDuplicate\",\"value\":\"0\"}]", suggestion.ReasonsJson);
        Assert.Equal(1.0, suggestion.Score);
    }

    [Fact]
    public async Task With_auto_attach_on_for_the_client_and_globally_the_repost_joins_the_case_with_the_reason_on_the_timeline()
    {
        await using var app = new SwitchableApp(autoAttach: true);
        await app.InitializeAsync();
        var (original, caseId) = await OpenCaseAsync(app);
        var client = await ApiClientAsync(app, autoAttach: true);
        var caseChanged = new TaskCompletionSource<CaseChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Services.GetRequiredService<ILiveEventHub>().Subscribe<CaseChanged>(e =>
        {
            if (e.CaseId == caseId && e.ActorId == Case.SystemActorId)
            {
                caseChanged.TrySetResult(e);
            }

            return ValueTask.CompletedTask;
        });

        var repost = await SubmitAsync(app, Repost, ItemSources.Api(client));

        await SuggestionAsync(app, repost);
        var (item, @case) = await ItemAndCaseAsync(app, repost, caseId, waitForAttach: true);
        Assert.Equal((TriageStatus.Attached, (int?)caseId, Case.SystemActorName), (item.Status, item.CaseId, item.TriagedBy));
        var entry = @case.Timeline.Single(t => t.Action == "ItemAutoAttached");
        Assert.Equal($"系统自动归并：与信息 #{original} 近似重复（距离 0）", entry.Detail);
        Assert.Equal(Case.SystemActorName, entry.ActorName);
        // The open case pages hear of it live, as after any command.
        await caseChanged.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_start_up_load_backfills_missing_fingerprints_and_indexes_the_window()
    {
        await using var app = new SwitchableApp(autoAttach: false);
        await app.InitializeAsync();
        int oldId, recentId;
        await using (var db = await app.CreateDbContextAsync())
        {
            var old = new OpinionItem(Channel.Forum, "旧帖", "两年前的帖子：" + Post, "测试", DateTime.UtcNow.AddDays(-800));
            var recent = new OpinionItem(Channel.Forum, string.Empty, Post, "测试", DateTime.UtcNow.AddDays(-3));
            db.Items.AddRange(old, recent);
            await db.SaveChangesAsync();
            (oldId, recentId) = (old.Id, recent.Id);
        }

        var service = new NearDuplicateService(app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>(),
            Options.Create(new NearDuplicateOptions { WindowDays = 365 }), TimeProvider.System, NullLogger<NearDuplicateService>.Instance);
        await service.LoadAsync(CancellationToken.None);

        await using var check = await app.CreateDbContextAsync();
        var recentItem = await check.Items.AsNoTracking().SingleAsync(i => i.Id == recentId);
        Assert.Equal(unchecked((long)SimHash.Compute(TextFingerprint.ItemText(string.Empty, Post))), recentItem.Fingerprint);
        Assert.Equal(0, (await check.Items.AsNoTracking().SingleAsync(i => i.Id == oldId)).Fingerprint);
        var found = await service.FindAsync(check, TextFingerprint.Of(Repost), null, null, CancellationToken.None);
        Assert.Equal([recentId], found.Select(f => f.ItemId));
        Assert.True(service.Loaded.IsCompleted);
    }

    [Fact]
    public async Task A_feed_with_auto_attach_on_is_attached_too()
    {
        await using var app = new SwitchableApp(autoAttach: true);
        await app.InitializeAsync();
        var (_, caseId) = await OpenCaseAsync(app);
        var feed = await FeedAsync(app, autoAttach: true);

        var repost = await SubmitAsync(app, Post[..60] + "……", ItemSources.Feed(feed));

        await SuggestionAsync(app, repost);
        var (item, _) = await ItemAndCaseAsync(app, repost, caseId, waitForAttach: true);
        Assert.Equal((TriageStatus.Attached, (int?)caseId), (item.Status, item.CaseId));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Without_both_switches_on_the_repost_stays_in_the_queue_with_its_suggestion(bool globalSwitch, bool clientSwitch)
    {
        await using var app = new SwitchableApp(globalSwitch);
        await app.InitializeAsync();
        var (_, caseId) = await OpenCaseAsync(app);
        var client = await ApiClientAsync(app, clientSwitch);

        var repost = await SubmitAsync(app, Repost, ItemSources.Api(client));
        await SuggestionAsync(app, repost);
        // Handlers run batch after batch: once a later item is handled, the repost's handling has finished.
        await SuggestionAsync(app, await SubmitAsync(app, "【转】" + Post, ItemSources.Api(client)));

        var (item, @case) = await ItemAndCaseAsync(app, repost, caseId);
        Assert.Equal((TriageStatus.New, (int?)null), (item.Status, item.CaseId));
        Assert.DoesNotContain(@case.Timeline, t => t.Action == "ItemAutoAttached");
    }

    [Fact]
    public async Task FindRelated_lists_the_open_case_of_a_near_duplicate_first()
    {
        await using var app = new SwitchableApp(autoAttach: false);
        await app.InitializeAsync();
        var (original, caseId) = await OpenCaseAsync(app);
        var other = await SubmitAsync(app, "北岸农贸市场外面的人行道全被卖菜的小摊占了，早上七八点连走路的地方都没有，三轮车还逆行乱窜。", ItemSources.Manual);
        var repost = await SubmitAsync(app, "这个问题反映好多次了，一直没人管。" + Post, ItemSources.Manual);
        await SuggestionAsync(app, repost);

        var related = await app.SendAsync(DemoAccounts.Duty, new FindRelated.Query(repost));

        var near = Assert.Single(related.Items);
        Assert.Equal((original, (int?)caseId, TriageStatus.OpenedCase), (near.Id, near.CaseId, near.Status));
        Assert.InRange(near.Distance, 0, 8);
        Assert.Equal(caseId, Assert.Single(related.Cases).Id);
        Assert.DoesNotContain(related.Items, i => i.Id == other);
    }

    private static async Task<(int Item, int Case)> OpenCaseAsync(TestApp app)
    {
        var item = await SubmitAsync(app, Post, ItemSources.Manual);
        var caseId = await app.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = item,
            Title = "滨江小区停水",
            Summary = "滨江小区停水三十小时",
            ResponsibleUnitId = await app.UnitIdAsync(DemoAccounts.TownOffice),
        });
        return (item, caseId);
    }

    private static async Task<int> SubmitAsync(TestApp app, string content, string sourceKey)
    {
        var intake = app.Services.GetRequiredService<IItemIntake>();
        var result = await intake.SubmitAsync(await app.Services.CheckedAsync(
            new ItemSubmission
            {
                Channel = Channel.Weibo, Title = string.Empty, Content = content, CollectedBy = "测试", SourceKey = sourceKey,
                ExternalId = Guid.NewGuid().ToString("N"),
            }), CancellationToken.None);
        return result.Single().ItemId;
    }

    private static async Task<int> ApiClientAsync(TestApp app, bool autoAttach)
    {
        await using var db = await app.CreateDbContextAsync();
        var client = new ApiClient("vendor-" + Guid.NewGuid().ToString("N")[..6], Guid.NewGuid().ToString("N"), "test", "admin", DateTime.UtcNow)
        {
            AutoAttach = autoAttach,
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    private static async Task<int> FeedAsync(TestApp app, bool autoAttach)
    {
        await using var db = await app.CreateDbContextAsync();
        var feed = new Feed("北岸论坛", "http://127.0.0.1:9/feed.xml", Channel.Forum, null, 60, "admin", DateTime.UtcNow)
        {
            AutoAttach = autoAttach,
            Enabled = false,
        };
        db.Feeds.Add(feed);
        await db.SaveChangesAsync();
        return feed.Id;
    }

    /// <summary>Intake answers after commit; the handlers run just after: wait for the suggestion row.</summary>
    private static async Task<ItemSuggestion> SuggestionAsync(TestApp app, int itemId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var db = await app.CreateDbContextAsync();
            var found = await db.ItemSuggestions.AsNoTracking()
                .Where(s => s.ItemId == itemId && s.Stage == SuggestionStage.NearDuplicate)
                .OrderByDescending(s => s.Score).FirstOrDefaultAsync();
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No near-duplicate suggestion for item {itemId} within 10 s.");
    }

    /// <param name="waitForAttach">The suggestions are saved before the attach: wait (up to 10 s) for the attach to commit.</param>
    private static async Task<(OpinionItem Item, Case Case)> ItemAndCaseAsync(TestApp app, int itemId, int caseId, bool waitForAttach = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await app.CreateDbContextAsync();
            var item = await db.Items.AsNoTracking().SingleAsync(i => i.Id == itemId);
            if (waitForAttach && item.Status == TriageStatus.New && attempt < 200)
            {
                await Task.Delay(50);
                continue;
            }

            var @case = await db.Cases.AsNoTracking().Include(c => c.Timeline).SingleAsync(c => c.Id == caseId);
            return (item, @case);
        }
    }

    /// <summary>The real app with the global auto-attach switch (NearDuplicates:AutoAttach) set as the test needs.</summary>
    private sealed class SwitchableApp(bool autoAttach) : TestApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("NearDuplicates:AutoAttach", autoAttach ? "true" : "false");
            builder.UseSetting("Feeds:Enabled", "false");
        }
    }
}
