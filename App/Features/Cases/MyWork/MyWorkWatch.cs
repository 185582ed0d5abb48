using OpinionResponse.App.Common.Live;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Cases.MyWork;

/// <summary>
/// When a user's work may have changed: any case changing (a plan submitted, a task sent to their unit), any item changing
/// (a claim taken or released), and once a minute for clocks passing 75% or their due time with no event. Coalesced, so a
/// busy desk costs one re-query a second per watcher at most.
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
        items = hub.Subscribe<ItemsChanged>(_ => Poke());
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
