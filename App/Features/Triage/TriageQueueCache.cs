using System.Collections.Concurrent;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Observability;

namespace OpinionResponse.App.Features.Triage;

/// <summary>
/// One query for every officer's triage page (CPU of a live desk). After an item arrives every open triage page
/// re-queries: a hundred officers on the same first page ran the same three SQL statements a hundred times. Here the
/// first page to ask runs the query; the others asking meanwhile or later await or reuse its result, until the queue
/// changes.
/// <para>
/// What may be shared: a result depends on the query (search, channel, page) and, through the suggested cases, on which
/// cases the officer may see; the key holds both (<see cref="VisibilityOf"/>). Authorization is not skipped: the mediator
/// checks every request before the handler asks here.
/// </para>
/// <para>
/// When it is stale: any <see cref="ItemsChanged"/> (arrived, claimed, released, triaged, a suggestion found) or
/// <see cref="CaseChanged"/> (a suggested case closed or renamed) starts a new version, and a result is reused only in the
/// version its query started in. The cache subscribes when it is created, at start-up (<see cref="Startup"/>), before any
/// page: the hub calls subscribers in order, so the version has moved on before any page hears of the change. A claim
/// that runs out raises no event: a result is also reused for <see cref="MaxAge"/> at most.
/// </para>
/// </summary>
public sealed class TriageQueueCache : IDisposable
{
    /// <summary>Beyond this a result is queried again, whatever happened.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    /// <summary>Distinct queries kept (searches typed, pages, visibilities); past it the cache starts afresh.</summary>
    private const int Capacity = 1_000;

    private readonly ConcurrentDictionary<Key, Entry> entries = new();
    private readonly TimeProvider clock;
    private readonly IDisposable itemsSubscription;
    private readonly IDisposable casesSubscription;
    private readonly DeskMetrics metrics;
    private long version;

    public TriageQueueCache(ILiveEventHub hub, TimeProvider clock, DeskMetrics metrics)
    {
        this.clock = clock;
        this.metrics = metrics;
        itemsSubscription = hub.Subscribe<ItemsChanged>(_ => Changed());
        casesSubscription = hub.Subscribe<CaseChanged>(_ => Changed());
    }

    /// <summary>Moves on with every change of the queue (for tests: whether one happened meanwhile).</summary>
    public long Version => Interlocked.Read(ref version);

    public readonly record struct Key(string? Search, Domain.Items.Channel? Channel, int Page, int PageSize, string Visibility);

    private sealed record Entry(long Version, long StartedAt, Lazy<Task<object>> Result);

    /// <summary>The navigation's count of waiting items, one per scope (<see cref="VisibilityOf"/>): a unit counts only what it sees.</summary>
    private static readonly Key CountKey = new(null, null, -1, 0, "count");

    /// <summary>What decides which suggested cases a user sees (<c>CaseVisibility.VisibleTo</c>): all, or their units and own cases.</summary>
    public static string VisibilityOf(Actor actor) =>
        actor.SpansAllUnits ? "*" : string.Join(',', actor.UnitIds.Order()) + "|" + actor.UserId;

    /// <summary>The result for <paramref name="key"/> in the current version: shared, or queried now by <paramref name="query"/>.</summary>
    public Task<ListTriageQueue.Result> GetAsync(Key key, Func<Task<ListTriageQueue.Result>> query) => SharedAsync(key, query);

    /// <summary>The count of waiting items in the current version (every officer's navigation badge asks after each change).</summary>
    public Task<int> CountAsync(string visibility, Func<Task<int>> query) => SharedAsync(CountKey with { Visibility = visibility }, query);

    private async Task<T> SharedAsync<T>(Key key, Func<Task<T>> query)
    {
        var current = Interlocked.Read(ref version);
        var now = clock.GetTimestamp();
        var fresh = new Entry(current, now, new Lazy<Task<object>>(async () =>
        {
            metrics.TriageQueryRan();
            return (await query())!;
        }));
        var entry = entries.AddOrUpdate(key, fresh, (_, old) => Reusable(old, current, now) ? old : fresh);
        if (ReferenceEquals(entry, fresh) && entries.Count > Capacity)
        {
            // Counted only when a query runs anyway (Count takes every lock of the dictionary): not on each shared answer.
            entries.Clear();
            entries[key] = fresh;
        }
        try
        {
            return (T)await entry.Result.Value;
        }
        catch
        {
            // A failed query is not kept: the next request tries again.
            entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
            throw;
        }
    }

    private bool Reusable(Entry entry, long current, long now) =>
        entry.Version == current && clock.GetElapsedTime(entry.StartedAt, now) < MaxAge
        && !(entry.Result.IsValueCreated && entry.Result.Value.IsFaulted);

    private ValueTask Changed()
    {
        Interlocked.Increment(ref version);
        entries.Clear();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        itemsSubscription.Dispose();
        casesSubscription.Dispose();
    }
}
