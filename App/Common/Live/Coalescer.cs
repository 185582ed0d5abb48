using System.Diagnostics;
using System.Globalization;

namespace OpinionResponse.App.Common.Live;

/// <summary>
/// Turns a burst of live events into at most one refresh per <c>interval</c> for one component: the CPU of a Blazor
/// Server desk goes to re-rendering, so 100 circuits must not each re-query on every one of 1,000 new items.
/// <para>
/// Leading edge, then trailing: the first poke after a quiet interval refreshes at once (an item logged on a calm desk
/// shows in every tab without waiting out the interval); pokes that arrive within an interval of the last refresh's end, or
/// while a refresh runs, are folded into one more refresh an interval after it ended. Refreshes never overlap, and under
/// load they slow down with the server (each waits an interval after the previous one finished).
/// </para>
/// </summary>
public sealed class Coalescer : IDisposable
{
    /// <summary>
    /// AppContext data (milliseconds) that replaces every coalescer's interval in this process: for the benchmark's
    /// comparisons (docs/benchmarks.md), not for production.
    /// </summary>
    public const string IntervalOverrideKey = "OpinionResponse.Live.CoalesceIntervalMs";

    private readonly Lock gate = new();
    private readonly Func<Task> refresh;
    private readonly Action<Exception> onError;
    private readonly Timer timer;
    private readonly TimeSpan interval;
    private readonly ExecutionContext? context = ExecutionContext.Capture();

    /// <summary>The timer is armed for a refresh.</summary>
    private bool scheduled;

    /// <summary>A refresh is running; <see cref="pending"/> says a poke came meanwhile.</summary>
    private bool running;
    private bool pending;
    private bool disposed;

    /// <summary>When the last refresh ended (<see cref="Stopwatch"/> timestamp), or null before the first.</summary>
    private long? lastEnded;

    /// <param name="refresh">Re-queries and re-renders; components pass <c>() => InvokeAsync(...)</c>.</param>
    /// <param name="onError">Where a failed refresh goes (components: <c>DispatchExceptionAsync</c>).</param>
    public Coalescer(TimeSpan interval, Func<Task> refresh, Action<Exception> onError)
    {
        this.interval = AppContext.GetData(IntervalOverrideKey) is string ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? TimeSpan.FromMilliseconds(value)
            : interval;
        this.refresh = refresh;
        this.onError = onError;
        timer = new Timer(_ => _ = FireAsync(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Something changed: refresh at once if the last refresh ended an interval ago or more, else once when it has.</summary>
    public void Poke()
    {
        lock (gate)
        {
            if (disposed || scheduled)
            {
                return;
            }

            if (running)
            {
                pending = true;
                return;
            }

            scheduled = true;
            var since = lastEnded is { } ended ? Stopwatch.GetElapsedTime(ended) : TimeSpan.MaxValue;
            if (since >= interval)
            {
                // On the thread pool now, never on the poker's thread (the hub's publisher). Queued rather than through the
                // timer: one event pokes every open page at once, and hundreds of timers changed and fired together contend
                // for the process's timer queue lock (docs/benchmarks-capacity.md).
                ThreadPool.UnsafeQueueUserWorkItem(static self => self.FireInContext(), this, preferLocal: false);
            }
            else
            {
                timer.Change(interval - since, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>In the execution context the coalescer was made in, as the timer's callbacks run.</summary>
    private void FireInContext()
    {
        if (context is null)
        {
            _ = FireAsync();
            return;
        }

        ExecutionContext.Run(context, static self => _ = ((Coalescer)self!).FireAsync(), this);
    }

    private async Task FireAsync()
    {
        lock (gate)
        {
            scheduled = false;
            if (disposed)
            {
                return;
            }

            running = true;
        }

        try
        {
            await refresh();
        }
        catch (Exception ex)
        {
            onError(ex);
        }
        finally
        {
            lock (gate)
            {
                running = false;
                lastEnded = Stopwatch.GetTimestamp();
                if (pending && !disposed)
                {
                    pending = false;
                    scheduled = true;
                    timer.Change(interval, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        timer.Dispose();
    }
}
