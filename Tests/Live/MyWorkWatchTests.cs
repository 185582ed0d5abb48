using Microsoft.Extensions.Logging.Abstractions;
using OpinionResponse.App.Features.Cases.MyWork;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Live;
using Xunit;

namespace OpinionResponse.Tests.Live;

/// <summary>
/// 待我办理 in every officer's menu re-queries when the officer's work may have changed: a case, a claim. Items arriving
/// and suggestions found change nobody's work, and at a busy intake they are nearly every event.
/// </summary>
public sealed class MyWorkWatchTests
{
    [Fact]
    public async Task Items_arriving_and_suggestions_found_do_not_re_query_but_a_claim_and_a_case_change_do()
    {
        var hub = new InProcessLiveEventHub(NullLogger<InProcessLiveEventHub>.Instance);
        var refreshes = 0;
        var refreshed = new SemaphoreSlim(0);
        using var watch = new MyWorkWatch(hub, () =>
        {
            Interlocked.Increment(ref refreshes);
            refreshed.Release();
            return Task.CompletedTask;
        }, _ => { });

        await hub.PublishAsync(new ItemsChanged([1, 2], Collected: true));
        await hub.PublishAsync(new ItemsChanged([1], Collected: false));
        // The first poke on a quiet watch refreshes at once: had either event poked, it would have run by now.
        Assert.False(await refreshed.WaitAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(0, Volatile.Read(ref refreshes));

        await hub.PublishAsync(new ItemsChanged([1], Collected: false, Claims: true));
        Assert.True(await refreshed.WaitAsync(TimeSpan.FromSeconds(10)));

        await hub.PublishAsync(new CaseChanged(3, CaseState.Assessing, "u1"));
        Assert.True(await refreshed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, Volatile.Read(ref refreshes));
    }
}
