using System.Numerics;

namespace OpinionResponse.Domain.Similarity;

/// <summary>
/// Which stored items are near-duplicates of a text, in microseconds at a million items:
/// <list type="bullet">
/// <item>a pigeonhole block index over the whole-text SimHashes: the 64 bits are cut into k + 1 blocks, and two
/// fingerprints within Hamming distance k agree exactly on at least one block, so one table per block (block value →
/// chain of items) finds every item within k by looking at k + 1 short chains;</item>
/// <item>an anchor table (an open-addressing multimap of (anchor, item) pairs), for the excerpts and commented reposts
/// the SimHash misses. An anchor already held by <see cref="MaxPerAnchor"/> items is boilerplate: more are not stored.</item>
/// </list>
/// Memory is flat arrays: per item its id, fingerprint and one chain link per block table; per anchor 8 bytes at a load
/// of at most ¾. One
/// writer adds (calls are serialised by a lock); any number of readers look up at the same time without locking: a
/// reader sees a consistent snapshot (growth copies the arrays and publishes them at once).
/// </summary>
public sealed class NearDuplicateIndex
{
    private const int MaxTableBits = 20;

    private readonly object writeLock = new();
    private readonly int blocks;
    private readonly int[] shifts;
    private readonly int[] widths;
    private readonly int[] tableBits;
    private State state;

    public NearDuplicateIndex(int maxDistance, int capacity = 1024, int maxPerAnchor = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, 15);
        MaxDistance = maxDistance;
        MaxPerAnchor = maxPerAnchor;
        blocks = maxDistance + 1;
        shifts = new int[blocks];
        widths = new int[blocks];
        tableBits = new int[blocks];
        var shift = 0;
        for (var b = 0; b < blocks; b++)
        {
            widths[b] = 64 / blocks + (b < 64 % blocks ? 1 : 0);
            shifts[b] = shift;
            shift += widths[b];
            tableBits[b] = Math.Min(widths[b], MaxTableBits);
        }

        state = new State(blocks, tableBits, Math.Max(16, capacity), Math.Max(1024, capacity * 8));
    }

    /// <summary>k: the Hamming distance the block tables answer for.</summary>
    public int MaxDistance { get; }

    /// <summary>Items stored per anchor at most (the first ones): an anchor shared by that many items is boilerplate.</summary>
    public int MaxPerAnchor { get; }

    public int Count => Volatile.Read(ref state).Count;

    /// <summary>Bytes held by the arrays (the fingerprints, ids, chains and the anchor table).</summary>
    public long ApproximateBytes => Volatile.Read(ref state).Bytes;

    /// <summary>Bytes of the anchor table alone.</summary>
    public long AnchorBytes => Volatile.Read(ref state).AnchorBytes;

    public void Add(int id, ulong fingerprint, ReadOnlySpan<uint> anchors = default)
    {
        lock (writeLock)
        {
            var s = state;
            if (s.Count == s.Ids.Length || (s.EntryCount + anchors.Length) * 4L > s.Keys.Length * 3L)
            {
                s = s.Grow(s.Count + 1, s.EntryCount + anchors.Length, blocks, tableBits);
            }

            var slot = s.Count;
            s.Ids[slot] = id;
            s.Fingerprints[slot] = fingerprint;
            for (var b = 0; b < blocks; b++)
            {
                var key = Key(fingerprint, b);
                s.Next[b][slot] = s.Heads[b][key];
                Volatile.Write(ref s.Heads[b][key], slot);
            }

            foreach (var anchor in anchors)
            {
                s.AddAnchor(anchor, slot, MaxPerAnchor);
            }

            if (!ReferenceEquals(s, state))
            {
                s.Count = slot + 1;
                Volatile.Write(ref state, s);
            }
            else
            {
                Volatile.Write(ref s.Count, slot + 1);
            }
        }
    }

    /// <summary>The ids of the items within <see cref="MaxDistance"/> of <paramref name="fingerprint"/>, each once, with the distance.</summary>
    public void Within(ulong fingerprint, List<(int Id, int Distance)> found) => Within(fingerprint, MaxDistance, found);

    /// <param name="maxDistance">At most <see cref="MaxDistance"/>.</param>
    public void Within(ulong fingerprint, int maxDistance, List<(int Id, int Distance)> found)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, MaxDistance);
        var s = Volatile.Read(ref state);
        for (var b = 0; b < blocks; b++)
        {
            var next = s.Next[b];
            for (var slot = Volatile.Read(ref s.Heads[b][Key(fingerprint, b)]); slot >= 0; slot = next[slot])
            {
                var other = s.Fingerprints[slot];
                var distance = BitOperations.PopCount(other ^ fingerprint);
                // Reported by the first block it agrees on only (a hashed wide block may bring others): each item once, without a set.
                if (distance <= maxDistance && FirstEqualBlock(other, fingerprint) == b)
                {
                    found.Add((s.Ids[slot], distance));
                }
            }
        }
    }

    /// <summary>
    /// Candidates for <see cref="NearDuplicateRules.Compare"/>: items within <see cref="MaxDistance"/> and items sharing
    /// an anchor, each id once (ascending).
    /// </summary>
    public List<int> Candidates(ulong fingerprint, ReadOnlySpan<uint> anchors)
    {
        var ids = new List<int>();
        Candidates(fingerprint, anchors, ids);
        return ids;
    }

    /// <summary>As <see cref="Candidates(ulong, ReadOnlySpan{uint})"/>, into <paramref name="ids"/> (cleared first), allocating nothing when it is large enough.</summary>
    public void Candidates(ulong fingerprint, ReadOnlySpan<uint> anchors, List<int> ids)
    {
        ids.Clear();
        var s = Volatile.Read(ref state);
        AddWithinDistance(s, fingerprint, ids);
        foreach (var anchor in anchors)
        {
            s.FindAnchor(anchor, ids);
        }

        if (ids.Count < 2)
        {
            return;
        }

        ids.Sort();
        var unique = 1;
        for (var i = 1; i < ids.Count; i++)
        {
            if (ids[i] != ids[unique - 1])
            {
                ids[unique++] = ids[i];
            }
        }

        ids.RemoveRange(unique, ids.Count - unique);
    }

    /// <summary>
    /// At most <paramref name="max"/> of <see cref="Candidates(ulong, ReadOnlySpan{uint})"/>, the likeliest first: every
    /// item within <see cref="MaxDistance"/>, then those sharing the most anchors, newer before older. An item sharing one
    /// common phrase with thousands is a poor candidate; an excerpt shares most of its anchors with its source. Verifying
    /// every item behind every anchor made the intake's near-duplicate stage compare each new item with ~400 others.
    /// </summary>
    public List<int> RankedCandidates(ulong fingerprint, ReadOnlySpan<uint> anchors, int max, Func<int, bool>? keep = null)
    {
        var s = Volatile.Read(ref state);
        var near = new List<int>();
        AddWithinDistance(s, fingerprint, near);
        if (keep is not null)
        {
            near.RemoveAll(id => !keep(id));
        }

        var shared = new List<int>();
        foreach (var anchor in anchors)
        {
            s.FindAnchor(anchor, shared);
        }

        near.Sort();
        shared.Sort();
        var ranked = new List<(int Id, int Count)>();
        for (var i = 0; i < shared.Count;)
        {
            var j = i;
            while (j < shared.Count && shared[j] == shared[i])
            {
                j++;
            }

            if (near.BinarySearch(shared[i]) < 0 && (keep is null || keep(shared[i])))
            {
                ranked.Add((shared[i], j - i));
            }

            i = j;
        }

        ranked.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : b.Id.CompareTo(a.Id));
        var ids = new List<int>(Math.Min(max, near.Count + ranked.Count));
        for (var i = near.Count - 1; i >= 0 && ids.Count < max; i--)
        {
            if (i == near.Count - 1 || near[i] != near[i + 1])
            {
                ids.Add(near[i]);
            }
        }

        for (var i = 0; i < ranked.Count && ids.Count < max; i++)
        {
            ids.Add(ranked[i].Id);
        }

        return ids;
    }

    /// <summary>Adds the items within <see cref="MaxDistance"/> of <paramref name="fingerprint"/> (an item agreeing on several blocks more than once).</summary>
    private void AddWithinDistance(State s, ulong fingerprint, List<int> ids)
    {
        for (var b = 0; b < blocks; b++)
        {
            var next = s.Next[b];
            for (var slot = Volatile.Read(ref s.Heads[b][Key(fingerprint, b)]); slot >= 0; slot = next[slot])
            {
                if (BitOperations.PopCount(s.Fingerprints[slot] ^ fingerprint) <= MaxDistance)
                {
                    ids.Add(s.Ids[slot]);
                }
            }
        }
    }

    private ulong Block(ulong fingerprint, int b) => (fingerprint >> shifts[b]) & (widths[b] == 64 ? ulong.MaxValue : (1UL << widths[b]) - 1);

    private int Key(ulong fingerprint, int b)
    {
        var block = Block(fingerprint, b);
        if (widths[b] <= MaxTableBits)
        {
            return (int)block;
        }

        // A wide block (k < 3) is hashed into the table: a collision only adds a candidate the popcount rejects.
        return (int)((block * 0x9E3779B97F4A7C15UL) >> (64 - MaxTableBits));
    }

    private int FirstEqualBlock(ulong a, ulong b)
    {
        for (var i = 0; i < blocks; i++)
        {
            if (Block(a, i) == Block(b, i))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class State
    {
        public State(int blocks, int[] tableBits, int items, int anchorSlots)
        {
            Ids = new int[items];
            Fingerprints = new ulong[items];
            Heads = new int[blocks][];
            Next = new int[blocks][];
            for (var b = 0; b < blocks; b++)
            {
                Heads[b] = new int[1 << tableBits[b]];
                Array.Fill(Heads[b], -1);
                Next[b] = new int[items];
            }

            Keys = new uint[anchorSlots];
            Slots = new int[anchorSlots];
        }

        public int[] Ids { get; }

        public ulong[] Fingerprints { get; }

        public int[][] Heads { get; }

        public int[][] Next { get; }

        /// <summary>The anchor multimap: key and item slot + 1 (0 = empty), linear probing from <see cref="Start"/>.</summary>
        public uint[] Keys { get; }

        public int[] Slots { get; }

        public int Count;

        public int EntryCount { get; private set; }

        public long Bytes => Ids.Length * 12L + Heads.Sum(h => h.Length * 4L) + Next.Sum(n => n.Length * 4L) + AnchorBytes;

        public long AnchorBytes => Keys.Length * 8L;

        /// <summary>A copy with room for <paramref name="items"/> items and <paramref name="entries"/> anchor entries; only what is short grows.</summary>
        public State Grow(int items, int entries, int blocks, int[] tableBits)
        {
            var grown = new State(blocks, tableBits,
                items > Ids.Length ? Math.Max(items, Ids.Length * 2) : Ids.Length,
                entries * 4L > Keys.Length * 3L ? (int)Math.Min(int.MaxValue, Math.Max(entries * 4L / 3 + 1, Keys.Length * 3L / 2)) : Keys.Length);
            Array.Copy(Ids, grown.Ids, Count);
            Array.Copy(Fingerprints, grown.Fingerprints, Count);
            for (var b = 0; b < blocks; b++)
            {
                Array.Copy(Heads[b], grown.Heads[b], Heads[b].Length);
                Array.Copy(Next[b], grown.Next[b], Count);
            }

            if (grown.Keys.Length == Keys.Length)
            {
                Array.Copy(Keys, grown.Keys, Keys.Length);
                Array.Copy(Slots, grown.Slots, Slots.Length);
                grown.EntryCount = EntryCount;
            }
            else
            {
                for (var i = 0; i < Keys.Length; i++)
                {
                    if (Slots[i] != 0)
                    {
                        grown.Put(Keys[i], Slots[i]);
                    }
                }
            }

            grown.Count = Count;
            return grown;
        }

        /// <summary>Where the probe for <paramref name="key"/> starts: the table need not be a power of two.</summary>
        private int Start(uint key) => (int)(((ulong)(key * 0x9E3779B1u) * (ulong)Keys.Length) >> 32);

        public void FindAnchor(uint key, List<int> ids)
        {
            var length = Keys.Length;
            for (var pos = Start(key); ; pos = pos + 1 == length ? 0 : pos + 1)
            {
                var slot = Volatile.Read(ref Slots[pos]);
                if (slot == 0)
                {
                    return;
                }

                if (Keys[pos] == key)
                {
                    ids.Add(Ids[slot - 1]);
                }
            }
        }

        public void AddAnchor(uint key, int slot, int maxPerAnchor)
        {
            var length = Keys.Length;
            var held = 0;
            for (var pos = Start(key); ; pos = pos + 1 == length ? 0 : pos + 1)
            {
                if (Slots[pos] == 0)
                {
                    Keys[pos] = key;
                    Volatile.Write(ref Slots[pos], slot + 1);
                    EntryCount++;
                    return;
                }

                if (Keys[pos] == key && ++held >= maxPerAnchor)
                {
                    return;
                }
            }
        }

        private void Put(uint key, int slotPlusOne)
        {
            var length = Keys.Length;
            var pos = Start(key);
            while (Slots[pos] != 0)
            {
                pos = pos + 1 == length ? 0 : pos + 1;
            }

            Keys[pos] = key;
            Slots[pos] = slotPlusOne;
            EntryCount++;
        }
    }
}
