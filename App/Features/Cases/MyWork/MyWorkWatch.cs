using OpinionResponse.App.Common.Live;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Cases.MyWork;

/// <summary>
/// When a user's work may have changed: any case changing (a plan submitted, a task sent to their unit), a claim taken,
/// released or ended by triage, and once a minute for clocks passing 75% or their due time (or a claim's lease) with no
/// event. Coalesced, so a busy desk costs one re-query a second per watcher at most. Items arriving and suggestions found
/// change no one's work: every officer's menu re-querying it for each of them was most of a node's CPU at a busy intake
/// (docs/benchmarks-capacity.md).
/// </summary>
public sealed class MyWorkWatch : IDisposable
{
    private static readonly TimeSpan CoalesceEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClockEvery = TimeSpan.FromMinutes(1);

    private readonly Coalescer coalescer;
    private readonly IDisposable cases;
    private readonly IDisposable items;
    private readonly Timer clocks;

    public MyWorkWatch(ILiveEventHub hub, Func<Task> refresh, Action<Exception> onError)
    {
        coalescer = new Coalescer(CoalesceEvery, refresh, onError);
        cases = hub.Subscribe<CaseChanged>(_ => Poke());
        items = hub.Subscribe<ItemsChanged>(e => e.Claims ? Poke() : ValueTask.CompletedTask);
        clocks = new Timer(_ => coalescer.Poke(), null, ClockEvery, ClockEvery);
    }

    private ValueTask Poke()
    {
        coalescer.Poke();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        cases.Dispose();
        items.Dispose();
        clocks.Dispose();
        coalescer.Dispose();
    }
}
