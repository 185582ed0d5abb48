using System.Collections.Concurrent;

namespace OpinionResponse.App.Common.Caching;

/// <summary>
/// A process-wide cache of values worked out once and shared by every circuit, bounded by starting afresh: once it holds
/// <see cref="Capacity"/> entries the next miss replaces the whole table. What callers already hold stays valid (the
/// values are immutable); it is only no longer shared with what comes after. Cheaper than an eviction policy on the live
/// desk's hot path, where the keys of the last minutes are all that is ever asked for again.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private ConcurrentDictionary<TKey, TValue> entries = new(comparer);

    public int Capacity { get; } = capacity;

    public int Count => Volatile.Read(ref entries).Count;

    /// <summary>The cached value of <paramref name="key"/>, or <paramref name="make"/>'s, which the first caller stores.</summary>
    public TValue GetOrAdd<TState>(TKey key, Func<TKey, TState, TValue> make, TState state)
    {
        var current = Volatile.Read(ref entries);
        if (current.TryGetValue(key, out var found))
        {
            return found;
        }

        if (current.Count >= Capacity)
        {
            Interlocked.CompareExchange(ref entries, new ConcurrentDictionary<TKey, TValue>(current.Comparer), current);
            current = Volatile.Read(ref entries);
        }

        return current.GetOrAdd(key, make, state);
    }
}
