using System.Numerics;
using OpinionResponse.Domain.Similarity;
using Xunit;

namespace OpinionResponse.Tests.Similarity;

public class NearDuplicateIndexTests
{
    /// <summary>Random fingerprints plus planted neighbours at every distance 0..k+2, so the boundary is exercised.</summary>
    private static (ulong[] Stored, ulong[] Queries) RandomData(int seed, int count, int maxDistance)
    {
        var random = new Random(seed);
        var stored = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            stored[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
        }

        var queries = new ulong[200];
        for (var q = 0; q < queries.Length; q++)
        {
            var near = stored[random.Next(count)];
            var flips = random.Next(maxDistance + 3);
            for (var f = 0; f < flips; f++)
            {
                near ^= 1UL << random.Next(64);
            }

            queries[q] = q % 5 == 0 ? (ulong)random.NextInt64() : near;
        }

        return (stored, queries);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void Within_returns_exactly_the_ids_a_brute_force_scan_finds(int k)
    {
        var (stored, queries) = RandomData(k + 7, 20_000, k);
        var index = new NearDuplicateIndex(k, capacity: 16);
        for (var i = 0; i < stored.Length; i++)
        {
            index.Add(i + 1, stored[i]);
        }

        var found = new List<(int Id, int Distance)>();
        foreach (var query in queries)
        {
            found.Clear();
            index.Within(query, found);
            var expected = Enumerable.Range(0, stored.Length)
                .Where(i => BitOperations.PopCount(stored[i] ^ query) <= k)
                .Select(i => (i + 1, BitOperations.PopCount(stored[i] ^ query)))
                .ToList();

            Assert.Equal(expected.OrderBy(e => e.Item1), found.OrderBy(f => f.Id));
        }
    }

    [Fact]
    public void A_smaller_distance_than_k_can_be_asked_for()
    {
        var index = new NearDuplicateIndex(4);
        index.Add(1, 0b0000UL);
        index.Add(2, 0b0111UL);
        var found = new List<(int Id, int Distance)>();

        index.Within(0UL, 2, found);

        Assert.Equal([(1, 0)], found);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Within(0UL, 5, found));
    }

    [Fact]
    public void Candidates_include_items_sharing_an_anchor_each_once()
    {
        var index = new NearDuplicateIndex(3);
        index.Add(10, 0xAAAA_AAAA_AAAA_AAAAUL, [1u, 2u, 3u]);
        index.Add(11, 0x5555_5555_5555_5555UL, [3u, 4u]);
        index.Add(12, 0x0F0F_0F0F_0F0F_0F0FUL, [9u]);

        Assert.Equal([10, 11], index.Candidates(0UL, [3u, 2u, 4u]));
        Assert.Equal([10, 12], index.Candidates(0xAAAA_AAAA_AAAA_AAABUL, [9u]));
        Assert.Empty(index.Candidates(0UL, [5u]));
    }

    [Fact]
    public void A_very_common_anchor_is_kept_for_its_first_items_only()
    {
        var index = new NearDuplicateIndex(3, maxPerAnchor: 10);
        for (var id = 1; id <= 100; id++)
        {
            index.Add(id, (ulong)id * 0x9E3779B97F4A7C15UL, [42u]);
        }

        Assert.Equal(Enumerable.Range(1, 10), index.Candidates(1UL, [42u]));
    }

    [Fact]
    public void Ranked_candidates_put_items_within_the_distance_first_then_the_most_anchors_shared_and_stop_at_the_cap()
    {
        var index = new NearDuplicateIndex(3);
        const ulong text = 0x0123456789ABCDEFUL;
        index.Add(1, ~text, [10u, 11u, 12u, 13u]); // the source of an excerpt: shares four anchors, SimHash far away
        for (var id = 2; id <= 200; id++)
        {
            index.Add(id, ~text ^ (ulong)id << 20, [10u]); // newer items sharing one common phrase only
        }

        index.Add(201, text ^ 0b101, []); // within distance 2: a repost

        var ranked = index.RankedCandidates(text, [10u, 11u, 12u, 13u], max: 3);

        Assert.Equal([201, 1, 200], ranked);
        Assert.Equal([1, 200], index.RankedCandidates(text, [10u, 11u, 12u, 13u], max: 2, keep: id => id != 201));
    }

    [Fact]
    public async Task Readers_see_every_item_added_before_their_lookup_while_a_writer_keeps_adding()
    {
        var (stored, _) = RandomData(99, 50_000, 3);
        var index = new NearDuplicateIndex(3, capacity: 16);
        var added = 0;
        var errors = 0;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < stored.Length; i++)
            {
                index.Add(i + 1, stored[i], [(uint)i]);
                Volatile.Write(ref added, i + 1);
            }
        });
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            var found = new List<(int Id, int Distance)>();
            while (!writer.IsCompleted)
            {
                var upTo = Volatile.Read(ref added);
                if (upTo == 0)
                {
                    continue;
                }

                var i = random.Next(upTo);
                found.Clear();
                index.Within(stored[i], found);
                if (!found.Any(f => f.Id == i + 1) || !index.Candidates(0UL, [(uint)i]).Contains(i + 1))
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(0, errors);
        Assert.Equal(stored.Length, index.Count);
    }
}
