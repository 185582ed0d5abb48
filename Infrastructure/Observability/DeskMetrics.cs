using System.Diagnostics.Metrics;

namespace OpinionResponse.Infrastructure.Observability;

/// <summary>
/// The desk's own instruments, on one meter (<see cref="MeterName"/>) an operator scrapes beside ASP.NET Core's request
/// figures (docs/operations.md). Created through <see cref="IMeterFactory"/> so that each app in a process (the tests
/// run many) has its own instruments, and a test reads one app's figures with a collector on that app's factory.
/// Gauges of a part's state (queue depth, stage backlog, circuits) are registered by the part that holds the state.
/// </summary>
public sealed class DeskMetrics
{
    public const string MeterName = "OpinionResponse";

    private readonly Counter<long> itemsIngested;
    private readonly Counter<long> clockAlerts;
    private readonly Counter<long> triageQueries;
    private readonly Counter<long> clockRounds;

    public DeskMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        itemsIngested = Meter.CreateCounter<long>("opinion.items.ingested", "{item}", "Items committed by the intake writer, every channel.");
        clockAlerts = Meter.CreateCounter<long>("opinion.clocks.alerts", "{alert}", "Clock warnings and breaches recorded, by clock and threshold.");
        triageQueries = Meter.CreateCounter<long>(
            "opinion.triage.queue.queries", "{query}", "Triage queue queries and counts that ran; every other request was answered from the shared cache.");
        clockRounds = Meter.CreateCounter<long>(
            "opinion.clocks.rounds", "{round}", "Clock watching rounds this node ran: with several nodes only the holder of the watcher's lease runs them.");
    }

    public Meter Meter { get; }

    public void ItemsIngested(int count) => itemsIngested.Add(count);

    public void ClockAlert(string clock, string threshold) =>
        clockAlerts.Add(1, new KeyValuePair<string, object?>("clock", clock), new KeyValuePair<string, object?>("threshold", threshold));

    public void TriageQueryRan() => triageQueries.Add(1);

    public void ClockRoundRan() => clockRounds.Add(1);
}
