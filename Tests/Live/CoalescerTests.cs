using OpinionResponse.App.Common.Live;
using Xunit;

namespace OpinionResponse.Tests.Live;

public sealed class CoalescerTests
{
    [Fact]
    public async Task A_burst_of_pokes_refreshes_once()
    {
        var refreshes = 0;
        var done = new TaskCompletionSource();
        using var coalescer = new Coalescer(TimeSpan.FromMilliseconds(100), () =>
        {
            Interlocked.Increment(ref refreshes);
            done.TrySetResult();
            return Task.CompletedTask;
        }, ex => done.TrySetException(ex));

        for (var i = 0; i < 1000; i++)
        {
            coalescer.Poke();
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task A_poke_after_a_refresh_refreshes_again()
    {
        var refreshes = 0;
        var signal = new SemaphoreSlim(0);
        using var coalescer = new Coalescer(TimeSpan.FromMilliseconds(20), () =>
        {
            Interlocked.Increment(ref refreshes);
            signal.Release();
            return Task.CompletedTask;
        }, _ => { });

        coalescer.Poke();
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5)));
        coalescer.Poke();
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(2, refreshes);
    }

    [Fact]
    public async Task A_failed_refresh_goes_to_the_error_handler()
    {
        var error = new TaskCompletionSource<Exception>();
        using var coalescer = new Coalescer(TimeSpan.FromMilliseconds(10), () => throw new InvalidOperationException("query failed"),
            ex => error.TrySetResult(ex));

        coalescer.Poke();

        var caught = await error.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("query failed", caught.Message);
    }

    [Fact]
    public async Task Nothing_refreshes_after_dispose()
    {
        var refreshes = 0;
        var coalescer = new Coalescer(TimeSpan.FromMilliseconds(50), () =>
        {
            Interlocked.Increment(ref refreshes);
            return Task.CompletedTask;
        }, _ => { });

        coalescer.Poke();
        coalescer.Dispose();
        coalescer.Poke();
        await Task.Delay(200);

        Assert.Equal(0, refreshes);
    }
}
