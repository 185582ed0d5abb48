namespace OpinionResponse.App.Common.Live;

/// <summary>
/// Turns a burst of live events into at most one refresh per <c>interval</c> for one component: the CPU of a Blazor
/// Server desk goes to re-rendering, so 100 circuits must not each re-query on every one of 1,000 new items.
/// </summary>
public sealed class Coalescer : IDisposable
{
    private readonly Lock gate = new();
    private readonly Func<Task> refresh;
    private readonly Action<Exception> onError;
    private readonly Timer timer;
    private readonly TimeSpan interval;
    private bool scheduled;
    private bool disposed;

    /// <param name="refresh">Re-queries and re-renders; components pass <c>() => InvokeAsync(...)</c>.</param>
    /// <param name="onError">Where a failed refresh goes (components: <c>DispatchExceptionAsync</c>).</param>
    public Coalescer(TimeSpan interval, Func<Task> refresh, Action<Exception> onError)
    {
        this.interval = interval;
        this.refresh = refresh;
        this.onError = onError;
        timer = new Timer(_ => _ = FireAsync(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Something changed: refresh once, within the interval, however many pokes arrive meanwhile.</summary>
    public void Poke()
    {
        lock (gate)
        {
            if (scheduled || disposed)
            {
                return;
            }

            scheduled = true;
            timer.Change(interval, Timeout.InfiniteTimeSpan);
        }
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
        }

        try
        {
            await refresh();
        }
        catch (Exception ex)
        {
            onError(ex);
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
