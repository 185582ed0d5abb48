using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Feeds;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake.Feeds;

/// <summary>The real app with the background poll loop off (the tests drive each poll) and tighter limits to keep tests fast.</summary>
public sealed class FeedTestApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feeds:Enabled", "false");
        builder.UseSetting("Feeds:Timeout", "00:00:01");
        builder.UseSetting("Feeds:MaxBytes", "1048576");
        builder.UseSetting("Feeds:MaxEntryRawChars", "100000");
        // The fixture server listens on loopback: allowed by name, as an administrator would allow a portal on this server.
        builder.UseSetting("Feeds:AllowedHosts:0", FeedFixtureServer.Host);
    }
}

/// <summary>One app on a real SQLite file and one fixture server, shared by the feed test classes.</summary>
public sealed class FeedDesk : IAsyncLifetime
{
    public const string Name = "Feed desk";

    private int counter;

    public FeedTestApp App { get; } = new();

    public FeedFixtureServer Server { get; } = new();

    public FeedPoller Poller => App.Services.GetRequiredService<FeedPoller>();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await Server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>A key no other test uses, so every feed has its own URL and request log.</summary>
    public string Key(string name) => $"{name}-{Interlocked.Increment(ref counter)}";

    /// <summary>Adds a feed through the real admin command, as the Admin.</summary>
    public async Task<int> AddFeedAsync(string url, string name, int intervalMinutes = 15, Channel channel = Channel.Forum, int? unitId = null) =>
        await App.SendAsync(DemoAccounts.Admin, new AddFeed.Command
        {
            Name = name,
            Url = url,
            Channel = channel,
            UnitId = unitId,
            IntervalMinutes = intervalMinutes,
        });

    public async Task<Feed> FeedAsync(int feedId)
    {
        await using var db = await App.CreateDbContextAsync();
        return await db.Feeds.AsNoTracking().SingleAsync(f => f.Id == feedId);
    }

    public async Task<List<OpinionItem>> ItemsOfAsync(int feedId)
    {
        await using var db = await App.CreateDbContextAsync();
        var source = ItemSources.Feed(feedId);
        return await db.Items.AsNoTracking().Where(i => i.SourceKey == source).OrderBy(i => i.Id).ToListAsync();
    }

    public Task<FeedPollOutcome> PollAsync(int feedId, DateTime? now = null) =>
        Poller.PollFeedAsync(feedId, now ?? DateTime.UtcNow, CancellationToken.None);
}

[CollectionDefinition(FeedDesk.Name)]
public sealed class FeedDeskCollection : ICollectionFixture<FeedDesk>;
