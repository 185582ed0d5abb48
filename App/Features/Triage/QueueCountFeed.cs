namespace OpinionResponse.App.Features.Triage;

/// <summary>
/// One circuit's count of waiting items, from its triage page to its navigation badge (coalesce per circuit).
/// While a triage page shows the whole queue its total is the badge's count: the page hands it over as it refreshes, so
/// the badge changes with the rows it counts — one update for the browser instead of a second one up to 500 ms later —
/// and the navigation does not count again. Scoped: one per circuit.
/// </summary>
public sealed class QueueCountFeed
{
    /// <summary>The page's newest total of the whole queue; raised on the circuit's dispatcher.</summary>
    public event Action<int>? Counted;

    /// <summary>A triage page of this circuit shows the whole queue (no search, no channel) and reports its total.</summary>
    public bool PageReports { get; private set; }

    public void Report(int total)
    {
        PageReports = true;
        Counted?.Invoke(total);
    }

    /// <summary>The page was filtered, forbidden or closed: the navigation counts for itself again.</summary>
    public void Stop() => PageReports = false;
}
