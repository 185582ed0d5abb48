using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Live;

/// <summary>Handlers publish live events after commit: a screen never shows what was not saved.</summary>
public sealed class AfterCommitPublishingTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private readonly List<LiveEvent> received = [];
    private readonly List<IDisposable> subscriptions = [];

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        var hub = app.Services.GetRequiredService<ILiveEventHub>();
        subscriptions.Add(hub.Subscribe<ItemsChanged>(Record));
        subscriptions.Add(hub.Subscribe<CaseChanged>(Record));
    }

    [Fact]
    public async Task A_logged_item_is_announced_once_with_its_id()
    {
        var id = await app.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Hotline, Title = "滨江小区停水", Content = "来电人反映停水一天", Contact = "138****0000",
        });

        await AnnouncedAsync(id);
        var changed = Assert.Single(Received<ItemsChanged>());
        Assert.Equal([id], changed.ItemIds);
        Assert.True(changed.Collected);
    }

    [Fact]
    public async Task Opening_a_case_announces_the_item_and_the_new_case_after_commit()
    {
        var itemId = await app.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Weibo, Title = "沿江路夜间施工", Content = "凌晨两点还在打桩",
        });
        await AnnouncedAsync(itemId);
        lock (received)
        {
            received.Clear();
        }

        var caseId = await app.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = itemId, Title = "沿江路夜间施工扰民", ResponsibleUnitId = await app.UnitIdAsync(DemoAccounts.Construction),
        });

        Assert.Equal([itemId], Assert.Single(Received<ItemsChanged>()).ItemIds);
        Assert.Equal(caseId, Assert.Single(Received<CaseChanged>()).CaseId);
    }

    [Fact]
    public async Task A_refused_command_announces_nothing()
    {
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Channel = Channel.Hotline, Title = "", Content = "",
        }));

        Assert.Empty(received);
    }

    public async Task DisposeAsync()
    {
        subscriptions.ForEach(s => s.Dispose());
        await app.DisposeAsync();
    }

    /// <summary>
    /// The intake writer answers the caller once the batch committed and announces it just after, on its own task: wait
    /// for the announcement (bounded), then give a second one time to show up before counting.
    /// </summary>
    private async Task AnnouncedAsync(int itemId)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!Received<ItemsChanged>().Any(e => e.ItemIds.Contains(itemId)) && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
    }

    private IEnumerable<T> Received<T>() where T : LiveEvent
    {
        lock (received)
        {
            return received.OfType<T>().ToList();
        }
    }

    private ValueTask Record(LiveEvent e)
    {
        lock (received)
        {
            received.Add(e);
        }

        return ValueTask.CompletedTask;
    }
}
