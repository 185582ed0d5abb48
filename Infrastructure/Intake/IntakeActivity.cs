using System.Diagnostics;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// Whether the intake is serving someone now: ingestion API requests in flight, or the writer busy, recently. The
/// ingested-item stages are background work and wait while it is (up to a bound, so they always progress): on two cores
/// a stage running beside a burst of requests took a core from them and doubled their p99 (docs/benchmarks-intake.md).
/// </summary>
public sealed class IntakeActivity
{
    private int inFlight;
    private long lastBusy = Stopwatch.GetTimestamp();

    /// <summary>A request has started (the API's endpoint filter).</summary>
    public void Begin() => Interlocked.Increment(ref inFlight);

    /// <summary>A request has ended.</summary>
    public void End()
    {
        Interlocked.Decrement(ref inFlight);
        Touch();
    }

    /// <summary>Something was just served (the writer after each batch).</summary>
    public void Touch() => Volatile.Write(ref lastBusy, Stopwatch.GetTimestamp());

    /// <summary>No request in flight and nothing served for <paramref name="span"/>.</summary>
    public bool QuietFor(TimeSpan span) => Volatile.Read(ref inFlight) == 0 && Stopwatch.GetElapsedTime(Volatile.Read(ref lastBusy)) >= span;
}
