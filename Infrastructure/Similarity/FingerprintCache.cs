using System.Collections.Concurrent;
using OpinionResponse.Domain.Similarity;

namespace OpinionResponse.Infrastructure.Similarity;

/// <summary>
/// The compact fingerprints (<see cref="TextFingerprint.Compact"/>) of the items most recently added or verified,
/// within a byte budget, oldest out first. Verifying a new item's candidates reads them from here instead of loading
/// their texts and normalising them again — that re-reading was most of the near-duplicate stage's cost per item.
/// Item texts never change after intake, so an entry never goes stale. Safe for concurrent use.
/// </summary>
/// <param name="budgetBytes">Bytes kept at most (approximate, <see cref="TextFingerprint.ApproximateBytes"/>).</param>
/// <param name="maxEntryBytes">A fingerprint larger than this (a long article) is not kept; a hundredth of the budget when not given.</param>
public sealed class FingerprintCache(long budgetBytes, long? maxEntryBytes = null)
{
    private readonly ConcurrentDictionary<int, TextFingerprint> byId = new();
    private readonly Queue<(int Id, long Bytes)> order = new();
    private readonly Lock gate = new();
    private long bytes;

    public int Count => byId.Count;

    public long Bytes => Interlocked.Read(ref bytes);

    public long BudgetBytes { get; } = budgetBytes;

    public long MaxEntryBytes { get; } = maxEntryBytes ?? budgetBytes / 100;

    public bool TryGet(int itemId, out TextFingerprint fingerprint) => byId.TryGetValue(itemId, out fingerprint!);

    /// <summary>Keeps the compact form of <paramref name="fingerprint"/>, unless larger than <see cref="MaxEntryBytes"/>.</summary>
    public void Add(int itemId, TextFingerprint fingerprint)
    {
        if (BudgetBytes <= 0 || byId.ContainsKey(itemId))
        {
            return;
        }

        var compact = fingerprint.Compact();
        var size = compact.ApproximateBytes;
        if (size > MaxEntryBytes)
        {
            return;
        }

        lock (gate)
        {
            if (!byId.TryAdd(itemId, compact))
            {
                return;
            }

            order.Enqueue((itemId, size));
            Interlocked.Add(ref bytes, size);
            while (Interlocked.Read(ref bytes) > BudgetBytes && order.TryDequeue(out var oldest))
            {
                byId.TryRemove(oldest.Id, out _);
                Interlocked.Add(ref bytes, -oldest.Bytes);
            }
        }
    }
}
