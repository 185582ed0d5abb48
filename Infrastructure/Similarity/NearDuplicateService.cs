using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Similarity;

/// <summary>
/// The near-duplicate index of the running app: one per process, loaded in the background at start-up from the items
/// of the last <see cref="NearDuplicateOptions.WindowDays"/> (backfilling stored fingerprints that are missing or out
/// of date), fed by the intake handler afterwards. Lookups made before the load ends answer from what is loaded.
/// </summary>
public sealed class NearDuplicateService(
    IDbContextFactory<OpinionDbContext> dbFactory,
    IOptions<NearDuplicateOptions> options,
    TimeProvider clock,
    ILogger<NearDuplicateService> logger)
{
    private const int PageSize = 2000;

    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<int, byte> addedWhileLoading = new();
    private volatile bool loading = true;

    // The highest id the start-up load read: an item up to it is in the index already (loaded, or added while loading).
    private int loadedThrough;

    // Items added since the load ended, the newest only: with several app processes an item can be handed over twice (by
    // the intake stage that ran for it and by another node's event naming it), close together in time.
    private readonly RecentIds addedSinceLoad = new(1 << 16);

    public NearDuplicateOptions Options { get; } = options.Value;

    public NearDuplicateRules Rules { get; } = options.Value.Rules;

    public NearDuplicateIndex Index { get; } = new(options.Value.MaxDistance);

    /// <summary>Recent items' compact fingerprints, so verifying candidates rarely reads the database.</summary>
    public FingerprintCache Recent { get; } = new(options.Value.VerifyCacheMegabytes * 1024L * 1024L);

    /// <summary>Completes when the start-up load has finished (or failed: the index then holds what it got).</summary>
    public Task Loaded => loaded.Task;

    /// <summary>
    /// Adds an item; idempotent against the start-up load, running or done (the intake's stages hand over again, after a
    /// restart, items the load has read).
    /// </summary>
    public void Add(int itemId, TextFingerprint fingerprint)
    {
        Recent.Add(itemId, fingerprint);
        if (loading ? !addedWhileLoading.TryAdd(itemId, 0) : itemId <= Volatile.Read(ref loadedThrough) || !addedSinceLoad.Add(itemId))
        {
            return;
        }

        Index.Add(itemId, fingerprint.SimHash, fingerprint.Anchors);
    }

    /// <summary>Compares two texts exactly as the running index does (the labelled-set evaluation uses this).</summary>
    public NearDuplicateMatch Compare(string a, string b) => Rules.Compare(TextFingerprint.Of(a), TextFingerprint.Of(b));

    /// <summary>
    /// The stored items that are near-duplicates of <paramref name="fingerprint"/>, most similar first, ids below
    /// <paramref name="beforeId"/> only when given (earlier items), never <paramref name="exceptId"/>.
    /// </summary>
    public async Task<IReadOnlyList<(int ItemId, NearDuplicateMatch Match)>> FindAsync(OpinionDbContext db, TextFingerprint fingerprint,
        int? exceptId, int? beforeId, CancellationToken cancellationToken)
    {
        var candidates = CandidatesOf(fingerprint, exceptId, beforeId);
        var stored = await FingerprintsAsync(db, candidates, cancellationToken);
        return Verify(fingerprint, candidates, stored);
    }

    /// <summary>The index's candidates for a text: to be verified with <see cref="Verify"/>.</summary>
    public List<int> CandidatesOf(TextFingerprint fingerprint, int? exceptId, int? beforeId) =>
        Index.RankedCandidates(fingerprint.SimHash, fingerprint.Anchors, Options.MaxCandidates,
            id => id != exceptId && (beforeId is null || id < beforeId));

    /// <summary>
    /// The fingerprints of stored items: from <see cref="Recent"/> where kept, the others from their text (one query),
    /// which then join it.
    /// </summary>
    public async Task<Dictionary<int, TextFingerprint>> FingerprintsAsync(OpinionDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<int, TextFingerprint>(ids.Count);
        var missing = new List<int>();
        foreach (var id in ids)
        {
            if (Recent.TryGet(id, out var fingerprint))
            {
                found[id] = fingerprint;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var rows = await db.Items.AsNoTracking().Where(i => missing.Contains(i.Id))
            .Select(i => new { i.Id, i.Title, i.Content }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var fingerprint = TextFingerprint.Of(TextFingerprint.ItemText(row.Title, row.Content));
            found[row.Id] = fingerprint;
            Recent.Add(row.Id, fingerprint);
        }

        return found;
    }

    public IReadOnlyList<(int ItemId, NearDuplicateMatch Match)> Verify(TextFingerprint fingerprint, IEnumerable<int> candidates,
        IReadOnlyDictionary<int, TextFingerprint> stored) =>
        candidates.Where(stored.ContainsKey)
            .Select(id => (ItemId: id, Match: Rules.Compare(fingerprint, stored[id])))
            .Where(m => m.Match.IsDuplicate)
            .OrderByDescending(m => m.Match.Similarity).ThenByDescending(m => m.ItemId)
            .ToList();

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = clock.GetTimestamp();
            var since = clock.GetUtcNow().UtcDateTime.AddDays(-Options.WindowDays);
            var lastId = 0;
            var count = 0;
            var backfilled = 0;
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var page = await db.Items.AsNoTracking()
                    .Where(i => i.Id > lastId && i.CollectedAt >= since)
                    .OrderBy(i => i.Id)
                    .Select(i => new { i.Id, i.Title, i.Content, i.Fingerprint })
                    .Take(PageSize)
                    .ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                var stale = new List<(int Id, long Fingerprint)>();
                foreach (var row in page)
                {
                    var fingerprint = TextFingerprint.Of(TextFingerprint.ItemText(row.Title, row.Content));
                    if (row.Fingerprint != unchecked((long)fingerprint.SimHash))
                    {
                        stale.Add((row.Id, unchecked((long)fingerprint.SimHash)));
                    }

                    if (!addedWhileLoading.ContainsKey(row.Id))
                    {
                        Index.Add(row.Id, fingerprint.SimHash, fingerprint.Anchors);
                    }
                }

                backfilled += await BackfillAsync(db, stale, cancellationToken);
                count += page.Count;
                lastId = page[^1].Id;
                Volatile.Write(ref loadedThrough, lastId);
            }

            logger.LogInformation("Near-duplicate index loaded: {Count} items, {Backfilled} fingerprints backfilled, {Ms} ms.",
                count, backfilled, (int)clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Loading the near-duplicate index failed; it answers from the items loaded so far.");
        }
        finally
        {
            loading = false;
            addedWhileLoading.Clear();
            loaded.TrySetResult();
        }
    }

    /// <summary>Writes the fingerprint of items stored before it was computed, or computed by an older normalisation.</summary>
    private static async Task<int> BackfillAsync(OpinionDbContext db, List<(int Id, long Fingerprint)> stale, CancellationToken cancellationToken)
    {
        if (stale.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (id, fingerprint) in stale)
        {
            await db.Items.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Fingerprint, fingerprint), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stale.Count;
    }
}

/// <summary>The last <c>capacity</c> distinct ids added, to recognise one added again soon after.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly Lock gate = new();
    private readonly HashSet<int> set = [];
    private readonly Queue<int> order = new();

    /// <summary>False when <paramref name="id"/> is among the recent ones already.</summary>
    public bool Add(int id)
    {
        lock (gate)
        {
            if (!set.Add(id))
            {
                return false;
            }

            order.Enqueue(id);
            if (order.Count > capacity)
            {
                set.Remove(order.Dequeue());
            }

            return true;
        }
    }
}

/// <summary>Starts the index load when the app starts, without holding the start-up up.</summary>
public sealed class NearDuplicateLoader(NearDuplicateService service) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => service.LoadAsync(stoppingToken), stoppingToken);
}
