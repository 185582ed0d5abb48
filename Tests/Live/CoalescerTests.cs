using System.Diagnostics;
using OpinionResponse.App.Common.Live;
using Xunit;

namespace OpinionResponse.Tests.Live;

public sealed class CoalescerTests
{
    [Fact]
    public async Task The_first_poke_on_a_quiet_desk_refreshes_at_once()
    {
        var done = new TaskCompletionSource();
        var clock = Stopwatch.StartNew();
        // An interval far longer than the test may take: a refresh within it can only be the leading edge.
        using var coalescer = new Coalescer(TimeSpan.FromSeconds(30), () =>
        {
            done.TrySetResult();
            return Task.CompletedTask;
        }, ex => done.TrySetException(ex));

        coalescer.Poke();

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_refresh_runs_in_the_execution_context_the_coalescer_was_made_in_not_the_pokers()
    {
        // A component's circuit state flows as the timer's callbacks do; the hub's publisher pokes from a context of its own.
        var owner = new AsyncLocal<string?> { Value = "circuit" };
        var seen = new TaskCompletionSource<string?>();
        using var coalescer = new Coalescer(TimeSpan.FromSeconds(30), () =>
        {
            seen.TrySetResult(owner.Value);
            return Task.CompletedTask;
        }, ex => seen.TrySetException(ex));

        await Task.Run(() =>
        {
            owner.Value = "publisher";
            coalescer.Poke();
        });

        Assert.Equal("circuit", await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_burst_of_pokes_refreshes_at_once_and_once_more_after_the_interval()
    {
        var times = new List<TimeSpan>();
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromMilliseconds(200);
        using var coalescer = new Coalescer(interval, () =>
        {
            lock (times)
            {
                times.Add(clock.Elapsed);
                (times.Count == 1 ? first : second).TrySetResult();
            }

            return Task.CompletedTask;
        }, ex => second.TrySetException(ex));

        coalescer.Poke();
        await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // The rest of the burst lands within the interval after the leading refresh.
        for (var i = 1; i < 1000; i++)
        {
            coalescer.Poke();
        }

        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(interval * 3);
        lock (times)
        {
            Assert.Equal(2, times.Count);
            Assert.True(times[1] - times[0] >= interval - TimeSpan.FromMilliseconds(15), $"refreshes {(times[1] - times[0]).TotalMilliseconds:0} ms apart");
        }
    }

    [Fact]
    public async Task Steady_pokes_refresh_at_most_once_per_interval()
    {
        var times = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromMilliseconds(100);
        using var coalescer = new Coalescer(interval, () =>
        {
            lock (times)
            {
                times.Add(clock.Elapsed);
            }

            return Task.CompletedTask;
        }, _ => { });

        while (clock.Elapsed < TimeSpan.FromMilliseconds(800))
        {
            coalescer.Poke();
            await Task.Delay(5);
        }

        await Task.Delay(interval * 3);
        lock (times)
        {
            Assert.InRange(times.Count, 2, 10);
            var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
            Assert.All(gaps, gap => Assert.True(gap >= interval - TimeSpan.FromMilliseconds(15), $"two refreshes {gap.TotalMilliseconds:0} ms apart"));
        }
    }

    [Fact]
    public async Task Refreshes_never_overlap_and_a_poke_during_one_is_not_lost()
    {
        var running = 0;
        var overlapped = false;
        var refreshes = 0;
        var release = new TaskCompletionSource();
        var started = new SemaphoreSlim(0);
        using var coalescer = new Coalescer(TimeSpan.FromMilliseconds(20), async () =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            var n = Interlocked.Increment(ref refreshes);
            started.Release();
            if (n == 1)
            {
                await release.Task;
            }

            Interlocked.Decrement(ref running);
        }, _ => { });

        coalescer.Poke();
        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(5)));
        // The first refresh is still running: these pokes wait for it instead of starting a second one beside it.
        coalescer.Poke();
        coalescer.Poke();
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref refreshes));

        release.SetResult();
        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(5)));
        await Task.Delay(100);
        Assert.Equal(2, Volatile.Read(ref refreshes));
        Assert.False(overlapped);
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
    public async Task A_failed_refresh_goes_to_the_error_handler_and_the_next_poke_still_refreshes()
    {
        var errors = new SemaphoreSlim(0);
        Exception? caught = null;
        using var coalescer = new Coalescer(TimeSpan.FromMilliseconds(10), () => throw new InvalidOperationException("query failed"),
            ex =>
            {
                caught = ex;
                errors.Release();
            });

        coalescer.Poke();
        Assert.True(await errors.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("query failed", caught?.Message);

        coalescer.Poke();
        Assert.True(await errors.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Nothing_refreshes_after_dispose()
    {
        var refreshes = 0;
        var first = new SemaphoreSlim(0);
        var coalescer = new Coalescer(TimeSpan.FromMilliseconds(150), () =>
        {
            Interlocked.Increment(ref refreshes);
            first.Release();
            return Task.CompletedTask;
        }, _ => { });

        coalescer.Poke();
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(5)));
        // Within the interval: this one is due 150 ms after the first ended; disposing cancels it.
        coalescer.Poke();
        coalescer.Dispose();
        coalescer.Poke();
        await Task.Delay(500);

        Assert.Equal(1, refreshes);
    }
}
