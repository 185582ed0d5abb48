using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Grouping;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Similarity;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Nodes;

/// <summary>
/// The in-memory similarity indexes of one node learn the items another node stored, with no event: the intake reads
/// every node's new items from the shared database (the stages' lease holder hands them to its stages, the other nodes'
/// indexes follow them). Here the other node is played by a row written behind the app's back (no stage of this app saw it).
/// </summary>
public sealed class ItemsFromOtherNodesTests
{
    private const string Title = "滨江小区三期停水十五小时";
    private const string Content = "北岸镇滨江小区三期从昨晚开始停水，已经超过十五个小时，物业没有任何通知，老人和孩子生活非常不便。";

    [Fact]
    public async Task An_item_another_node_stored_joins_this_nodes_near_duplicate_and_same_matter_indexes()
    {
        await using var app = new TestApp();
        await app.InitializeAsync();
        var nearDuplicates = app.Services.GetRequiredService<NearDuplicateService>();
        var sameMatter = app.Services.GetRequiredService<SameMatterIndex>();
        await nearDuplicates.Loaded;
        await Eventually.HoldsAsync(() => sameMatter.Model is not null, TimeSpan.FromSeconds(60));
        var countBefore = sameMatter.Count;

        int id;
        await using (var db = await app.CreateDbContextAsync())
        {
            var item = new OpinionItem(Channel.Weibo, Title, Content, "测试", DateTime.UtcNow);
            db.Items.Add(item);
            await db.SaveChangesAsync();
            id = item.Id;
        }

        var fingerprint = TextFingerprint.Of(TextFingerprint.ItemText(Title, Content + "转发求助"));
        await Eventually.HoldsAsync(() => nearDuplicates.CandidatesOf(fingerprint, null, null).Contains(id), TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(() => sameMatter.Count == countBefore + 1, TimeSpan.FromSeconds(15));

        // Told again (a stage after a takeover, say): still once in each index.
        nearDuplicates.Add(id, TextFingerprint.Of(TextFingerprint.ItemText(Title, Content)));
        await Task.Delay(1500);
        Assert.Equal(countBefore + 1, sameMatter.Count);
        Assert.Single(nearDuplicates.CandidatesOf(fingerprint, null, null), c => c == id);
    }

    [Fact]
    public async Task The_near_duplicate_index_holds_an_item_added_twice_after_its_load_once()
    {
        await using var app = new TestApp();
        await app.InitializeAsync();
        var service = new NearDuplicateService(app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpinionResponse.Infrastructure.Data.OpinionDbContext>>(),
            Options.Create(new NearDuplicateOptions()), TimeProvider.System, NullLogger<NearDuplicateService>.Instance);
        await service.LoadAsync(CancellationToken.None);
        var fingerprint = TextFingerprint.Of(TextFingerprint.ItemText(Title, Content));

        service.Add(1_000_001, fingerprint);
        service.Add(1_000_001, fingerprint);

        Assert.Equal(1, service.Index.Count);
    }
}
