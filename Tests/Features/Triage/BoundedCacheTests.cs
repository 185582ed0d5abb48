using OpinionResponse.App.Common.Caching;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

/// <summary>The shared caches of the live desk: one value per key while they fit, starting afresh when full.</summary>
public class BoundedCacheTests
{
    [Fact]
    public void A_key_is_worked_out_once_and_the_first_value_is_shared()
    {
        var cache = new BoundedCache<string, object>(10, StringComparer.Ordinal);
        var made = 0;

        var first = cache.GetOrAdd("a", (_, _) => { made++; return new object(); }, 0);
        var second = cache.GetOrAdd("a", (_, _) => { made++; return new object(); }, 0);

        Assert.Same(first, second);
        Assert.Equal(1, made);
    }

    [Fact]
    public void Once_full_it_starts_afresh_and_never_holds_more_than_its_capacity()
    {
        var cache = new BoundedCache<int, int>(3);
        for (var i = 0; i < 3; i++)
        {
            cache.GetOrAdd(i, (k, _) => k, 0);
        }

        Assert.Equal(3, cache.Count);
        cache.GetOrAdd(3, (k, _) => k, 0);

        Assert.Equal(1, cache.Count);
        var made = false;
        Assert.Equal(0, cache.GetOrAdd(0, (k, _) => { made = true; return k; }, 0));
        Assert.True(made, "a key from before the fresh start is worked out again");
    }

    [Fact]
    public void Many_threads_asking_for_the_same_keys_stay_within_the_bound()
    {
        var cache = new BoundedCache<int, int>(100);

        Parallel.For(0, 10_000, i => cache.GetOrAdd(i % 250, (k, _) => k * 2, 0));

        // Threads that race past the check each add one more: the bound holds to within their number.
        Assert.InRange(cache.Count, 1, 200);
        Assert.Equal(84, cache.GetOrAdd(42, (k, _) => k * 2, 0));
    }
}
