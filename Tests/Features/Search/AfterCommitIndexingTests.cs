using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Search;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Search;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Search;

/// <summary>
/// The product's default: the intake writer commits items without their index rows and a stage indexes them right after,
/// so an item becomes searchable a moment after it is acknowledged, and none is left out.
/// </summary>
public class AfterCommitIndexingTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private Desk desk = null!;

    public async Task InitializeAsync()
    {
        app.Settings.Remove("Search:ItemIndexing");
        await app.InitializeAsync();
        desk = await Desk.CreateAsync(app);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task By_default_an_item_is_indexed_after_its_commit_and_becomes_searchable()
    {
        Assert.Contains(app.Services.GetServices<Infrastructure.Intake.IItemsIngestedHandler>(), h => h is SearchIndexStage);

        var tag = Desk.Tag();
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await desk.SendAsync(DemoAccounts.Duty, new LogItem.Command
            {
                Channel = Channel.Forum, Title = $"{tag} 桥面裂缝 {i}", Content = "北岸大桥桥面出现裂缝。", SourceName = "北岸论坛",
            }));
        }

        var found = await EventuallyAsync(async () =>
            (await desk.SendAsync(DemoAccounts.Duty, new SearchRecords.Query { Text = $"裂缝 {tag}" })).Items.Select(i => i.Id).ToList(),
            hits => hits.Count == ids.Count);

        Assert.Equal(ids.Order(), found.Order());
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
