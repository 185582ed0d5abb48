using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Leases;
using OpinionResponse.Infrastructure.Observability;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// What follows a commit of the intake writer (<see cref="BatchingItemIntake"/>): the <see cref="IItemsIngestedHandler"/>s
/// (near-duplicates, same matter), on a task of their own, in commit order. The writer hands each committed batch over
/// (<see cref="HandOver"/>) and never waits: when the stages are more than <see cref="IntakeOptions.HandlerQueueBatches"/>
/// batches behind (a burst), the batches that do not fit are not kept in memory; the stages read those items from the
/// database once they get there (catch-up), in id order, each item once, and save their position
/// (<see cref="IntakeProgress"/>) so that a restart hands over what was left. With several nodes on one database only the
/// holder of the stages' lease runs the handlers, for every node's items; the others let the handlers' indexes follow.
/// </summary>
public sealed class IntakeStages : IHostedService, IAsyncDisposable
{
    private readonly IDbContextFactory<OpinionDbContext> dbFactory;
    private readonly IntakeWriteGate writeGate;
    private readonly IntakeActivity activity;
    private readonly TimeProvider clock;
    private readonly IServiceProvider services;
    private readonly IntakeOptions options;
    private readonly ILogger<IntakeStages> logger;
    private readonly Channel<IReadOnlyList<OpinionItem>> ingested;
    private readonly Lock startGate = new();
    private Task? running;
    private readonly CancellationTokenSource abandon = new();
    private readonly Dictionary<string, (long Items, TimeSpan Time)> handlerTotals = [];
    private IReadOnlyList<IItemsIngestedHandler>? handlers;

    /// <summary>Items handed to the handlers in one call (their suggestion writes stay short: the writer waits for them).</summary>
    internal const int HandlerChunk = 25;

    /// <summary>The handlers go on once the intake has been quiet this long (<see cref="IntakeActivity"/>)…</summary>
    internal static readonly TimeSpan QuietBeforeHandlers = TimeSpan.FromMilliseconds(50);

    /// <summary>…or after waiting this long for it: one chunk a second at least, however busy.</summary>
    internal static readonly TimeSpan MaxHandlerWait = TimeSpan.FromSeconds(1);

    // The handlers' position: the highest item id handed to them (written by the handler task only), and the first id
    // of the earliest batch that did not fit in the hand-off queue since they last caught up (0: none).
    private int handledThrough;
    private int missedFrom;

    // The first item id this run committed (0: none yet), and when the handlers' position was last saved.
    private int firstCommitted;

    // The newest item id this run committed: with the handlers' position, how far the stages are behind.
    private int lastCommitted;
    private long positionSavedAt;
    private int savedThrough;

    // Whether this node holds the stages' lease (runs them) or follows; the recent items it has handed over or followed
    // (id → when), so a late-commit sweep tells a late item from one already seen; when it last swept the database.
    private bool holding;
    private LeaseKeeper? leases;
    private readonly Dictionary<int, DateTime> seen = [];
    private long sweptAt;

    /// <summary>How often the handlers read the database for items the hand-off queue does not bring (other nodes').</summary>
    internal static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(1);

    /// <summary>How long after its collection time an item may still commit: the late-commit sweep looks this far back.</summary>
    internal static readonly TimeSpan LateWindow = TimeSpan.FromSeconds(30);

    private const int SweepPage = 1_000;

    public IntakeStages(
        IDbContextFactory<OpinionDbContext> dbFactory,
        IntakeWriteGate writeGate,
        IntakeActivity activity,
        TimeProvider clock,
        IServiceProvider services,
        IOptions<IntakeOptions> options,
        DeskMetrics metrics,
        ILogger<IntakeStages> logger)
    {
        this.dbFactory = dbFactory;
        this.writeGate = writeGate;
        this.activity = activity;
        this.clock = clock;
        this.services = services;
        this.options = options.Value;
        this.logger = logger;
        metrics.Meter.CreateObservableGauge("opinion.intake.stage.backlog", () => StageBacklog, "{item}", "Committed items the grouping stages have not taken yet.");

        // Committed batches waiting for the handlers. Bounded so memory cannot grow with a burst; what does not fit is
        // read back from the database (CatchUpAsync), so a slow handler never slows the writer.
        ingested = System.Threading.Channels.Channel.CreateBounded<IReadOnlyList<OpinionItem>>(
            new BoundedChannelOptions(Math.Max(1, this.options.HandlerQueueBatches))
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
    }

    /// <summary>Per handler: items handed to it and the time it took (for the benchmark).</summary>
    public IReadOnlyDictionary<string, (long Items, TimeSpan Time)> HandlerTotals
    {
        get
        {
            lock (handlerTotals)
            {
                return new Dictionary<string, (long, TimeSpan)>(handlerTotals);
            }
        }
    }

    /// <summary>
    /// Items committed in this run that the stages (near-duplicates, same matter) have not taken yet: ids, so items the
    /// database skipped count too; close enough to tell a stage that keeps up from one that falls behind.
    /// </summary>
    public int StageBacklog => Math.Max(0, Volatile.Read(ref lastCommitted) - Volatile.Read(ref handledThrough));

    /// <summary>
    /// The writer has committed <paramref name="created"/>. Called at once after the commit, before the live event, so a
    /// stage task starting now does not take these items for ones handled before it started.
    /// </summary>
    internal void Committed(IReadOnlyList<OpinionItem> created)
    {
        Interlocked.CompareExchange(ref firstCommitted, created.Min(i => i.Id), 0);
        Volatile.Write(ref lastCommitted, Math.Max(Volatile.Read(ref lastCommitted), created.Max(i => i.Id)));
    }

    /// <summary>Gives the stages a committed batch without waiting: when they are a queue-full behind, they read it back later.</summary>
    internal void HandOver(IReadOnlyList<OpinionItem> created)
    {
        if (!ingested.Writer.TryWrite(created))
        {
            // The handlers are a queue-full behind (or shutting down): they will read this batch from the database.
            Interlocked.CompareExchange(ref missedFrom, created.Min(i => i.Id), 0);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    /// <summary>Starts the stage task once (the host, or the writer's first submission when no host runs).</summary>
    internal void EnsureStarted()
    {
        if (running is not null)
        {
            return;
        }

        lock (startGate)
        {
            if (running is null)
            {
                // The stages must not inherit the first caller's async-locals (its ambient audit entry, its culture).
                using (ExecutionContext.SuppressFlow())
                {
                    running = Task.Run(RunHandlersLoopAsync);
                }
            }
        }
    }

    /// <summary>Shutdown: takes no more batches and waits for the stages to hand over what they have, up to <see cref="IntakeOptions.DrainSeconds"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        CompleteAsync(TimeSpan.FromSeconds(Math.Max(1, options.DrainSeconds)), cancellationToken);

    /// <summary>
    /// Takes no more batches and waits up to <paramref name="within"/> for the handlers to finish the ones they have; past
    /// that they are given up on. The writer calls it after its own drain, with what is left of the drain time.
    /// </summary>
    internal async Task CompleteAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        if (!ingested.Writer.TryComplete() || running is not { } handling)
        {
            return;
        }

        try
        {
            await handling.WaitAsync(within, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // The items are committed; what the handlers derive from them (suggestions, indexes) is rebuilt by their loaders.
            logger.LogWarning("Intake stopped before the ingested-item handlers caught up ({Batches} batches left)", ingested.Reader.Count);
            await abandon.CancelAsync();
        }
    }

    /// <summary>
    /// The app is stopping: the stages were given up, or the container is already being disposed (it then refuses every
    /// service, the DbContext factory's too). Nothing is lost — the items are committed and a restart hands over those
    /// after the saved position — so this is not logged as a failure.
    /// </summary>
    private bool IsStopping(Exception ex) => ex is OperationCanceledException or ObjectDisposedException || abandon.IsCancellationRequested;

    /// <summary>
    /// Disposed by the container. After a host's stop there is nothing left to do. Without one (a service provider of a test
    /// or a command line) the container already refuses to resolve anything, so every handler and the position's save could
    /// only fail: the stages are given up at once — the items are committed, and the handlers' loaders rebuild what they
    /// derive — instead of logging a failure for every chunk.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await abandon.CancelAsync();
        await StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// On the node that holds the <see cref="LeaseNames.IntakeStages"/> lease, hands committed items to the handlers,
    /// whatever has piled up in one call: this node's batches from the hand-off queue, every node's items from the
    /// database after its position (<see cref="SweepAsync"/>). A node without the lease runs no stage — two nodes would
    /// each write their suggestions — but lets the handlers' in-memory indexes follow every item
    /// (<see cref="IItemsFollower"/>), so that when it takes over from a holder that died it continues from the saved
    /// position with indexes that know what came before.
    /// </summary>
    private async Task RunHandlersLoopAsync()
    {
        var reader = ingested.Reader;
        await BecomeAsync(await HoldsStagesAsync(), first: true);
        await CatchUpAsync();
        await SavePositionAsync(force: true);
        var more = true;
        while (more && !abandon.IsCancellationRequested)
        {
            var items = new List<OpinionItem>();
            more = await NextAsync(reader, items);
            if (await HoldsStagesAsync() != holding)
            {
                await BecomeAsync(!holding, first: false);
            }

            await ProcessAsync(items);
            await CatchUpAsync();
            await SweepAsync();
            await SavePositionAsync(force: false);
        }

        await CatchUpAsync();
        await SavePositionAsync(force: true);
    }

    /// <summary>
    /// Waits for this node's next committed batches, or for <see cref="SweepEvery"/> (other nodes' items arrive only in the
    /// database); puts what has piled up into <paramref name="items"/>. False once the queue is completed (stopping).
    /// </summary>
    private async Task<bool> NextAsync(ChannelReader<IReadOnlyList<OpinionItem>> reader, List<OpinionItem> items)
    {
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(abandon.Token);
        tick.CancelAfter(SweepEvery);
        try
        {
            if (!await reader.WaitToReadAsync(tick.Token))
            {
                return false;
            }
        }
        catch (OperationCanceledException)
        {
            return !abandon.IsCancellationRequested;
        }

        while (items.Count < 5_000 && reader.TryRead(out var batch))
        {
            items.AddRange(batch);
        }

        return true;
    }

    private async Task<bool> HoldsStagesAsync()
    {
        // Resolved once, at the loop's start: while the host stops, the container may already refuse to resolve.
        leases ??= services.GetService<LeaseKeeper>();
        if (leases is null)
        {
            return true;
        }

        try
        {
            return await leases.HoldAsync(LeaseNames.IntakeStages, abandon.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return holding;
        }
    }

    /// <summary>
    /// Starts running the stages (<paramref name="holder"/>) or following. A holder starts where the handlers left off
    /// (<see cref="IntakeProgress"/>, saved by whichever node held the lease): the items committed after that — a burst
    /// the app stopped in, or the items a node that died had not reached — are read back and handed over first. Without a
    /// saved position (a new database) it starts from the newest item.
    /// </summary>
    private async Task BecomeAsync(bool holder, bool first)
    {
        holding = holder;
        seen.Clear();
        sweptAt = 0;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(abandon.Token);
            var saved = holder
                ? await db.IntakeProgress.AsNoTracking().Where(p => p.Name == IntakeProgress.Stages).Select(p => (int?)p.ItemId).FirstOrDefaultAsync(abandon.Token)
                : null;
            var newest = await db.Items.MaxAsync(i => (int?)i.Id, abandon.Token) ?? 0;
            if (saved is { } position)
            {
                // Never past the newest item: ids after it (a file restored without its last items) must not be skipped.
                handledThrough = Math.Min(position, newest);
            }
            else if (first)
            {
                // Items this run has already committed are in the hand-off queue: they are not skipped.
                var firstId = Volatile.Read(ref firstCommitted);
                handledThrough = firstId > 0 ? Math.Min(newest, firstId - 1) : newest;
            }

            // The recent items up to the position were handled by whoever saved it: a late-commit sweep must not take
            // them for new. (One committing late at the very moment the previous holder died is the one left out.)
            var now = clock.GetUtcNow().UtcDateTime;
            var since = now - LateWindow;
            var through = handledThrough;
            foreach (var id in await db.Items.AsNoTracking().Where(i => i.Id <= through && i.CollectedAt >= since).Select(i => i.Id).ToListAsync(abandon.Token))
            {
                seen[id] = now;
            }

            logger.LogInformation(holder ? "Node {Node} runs the intake stages from item #{Id}" : "Node {Node} leaves the intake stages to the lease holder; its indexes follow from item #{Id}",
                leases?.Node, handledThrough);
        }
        catch (Exception ex) when (!IsStopping(ex))
        {
            logger.LogWarning(ex, "The ingested-item handlers' saved position could not be read; they start from the items that arrive now");
        }
        catch (Exception ex) when (IsStopping(ex))
        {
            // Stopped before starting.
        }
    }

    /// <summary>
    /// Reads what the hand-off queue does not bring: items after the position (other nodes' — and this node's when they
    /// reached the database before the queue), then items at or below it committed late. Ids are handed out when a row is
    /// inserted, not when its transaction commits: on PostgreSQL a writer can take id 100, another take 101 and commit
    /// first, so "id after the position" alone would pass over 100 for good (on SQLite, whose writers take turns, this
    /// node's own queue can still run ahead of another node's items the same way). So each sweep also reads the ids
    /// collected within <see cref="LateWindow"/> — far longer than any intake transaction — and hands over those not yet
    /// seen; the stages are idempotent on their index, so the few an edge case hands over twice cost nothing but time.
    /// </summary>
    private async Task SweepAsync()
    {
        if (System.Diagnostics.Stopwatch.GetElapsedTime(sweptAt) < SweepEvery)
        {
            return;
        }

        sweptAt = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            while (!abandon.IsCancellationRequested)
            {
                var after = handledThrough;
                List<OpinionItem> page;
                await using (var db = await dbFactory.CreateDbContextAsync(abandon.Token))
                {
                    page = await db.Items.AsNoTracking().Where(i => i.Id > after).OrderBy(i => i.Id).Take(SweepPage).ToListAsync(abandon.Token);
                }

                await ProcessAsync(page);
                await SavePositionAsync(force: false);
                if (page.Count < SweepPage || handledThrough == after)
                {
                    break;
                }
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var since = now - LateWindow;
            var through = handledThrough;
            await using (var db = await dbFactory.CreateDbContextAsync(abandon.Token))
            {
                var recent = await db.Items.AsNoTracking().Where(i => i.Id <= through && i.CollectedAt >= since).Select(i => i.Id).ToListAsync(abandon.Token);
                var late = recent.Where(id => !seen.ContainsKey(id)).ToList();
                if (late.Count > 0)
                {
                    logger.LogInformation("{Count} items committed after later ones were handed on; handing them on now", late.Count);
                    await ProcessAsync(await db.Items.AsNoTracking().Where(i => late.Contains(i.Id)).ToListAsync(abandon.Token));
                }
            }

            foreach (var id in seen.Where(s => s.Value < now - 2 * LateWindow).Select(s => s.Key).ToList())
            {
                seen.Remove(id);
            }
        }
        catch (Exception ex) when (IsStopping(ex))
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            // The database is busy or gone for now: the next sweep reads the same items again.
            logger.LogWarning(ex, "The ingested-item handlers could not read the items after #{Id}", handledThrough);
        }
    }

    /// <summary>
    /// Hands the items not handled yet to the handlers (the holder) or lets their indexes follow them (the others), in id
    /// order. An item is new when it is after the position, or recent and not seen: an older one below the position was
    /// handled before this node's memory of it was dropped.
    /// </summary>
    private async Task ProcessAsync(IReadOnlyList<OpinionItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now - 2 * LateWindow;
        var fresh = items.Where(i => i.Id > handledThrough || (i.CollectedAt >= horizon && !seen.ContainsKey(i.Id)))
            .DistinctBy(i => i.Id).OrderBy(i => i.Id).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var last = fresh[^1].Id;
        if (holding)
        {
            last = await RunHandlersAsync(fresh);
        }
        else
        {
            Follow(fresh);
        }

        foreach (var item in fresh.TakeWhile(i => i.Id <= last))
        {
            seen[item.Id] = now;
        }

        handledThrough = Math.Max(handledThrough, last);
    }

    /// <summary>On a node without the stages' lease: the handlers' in-memory indexes take the items in, nothing is written.</summary>
    private void Follow(IReadOnlyList<OpinionItem> items)
    {
        handlers ??= services.GetServices<IItemsIngestedHandler>().ToList();
        foreach (var follower in handlers.OfType<IItemsFollower>())
        {
            try
            {
                follower.Follow(items);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Handler} could not follow {Count} new items", follower.GetType().Name, items.Count);
            }
        }
    }

    /// <summary>
    /// Saves the handlers' position (the holder only): when forced (start, stop), else at most once a second while the
    /// intake is quiet and every 10 s in a burst. Fenced by the lease (its token, unexpired), so a holder that stalled
    /// past its lease or has released it never moves back the position its successor has saved since.
    /// </summary>
    private async Task SavePositionAsync(bool force)
    {
        var since = System.Diagnostics.Stopwatch.GetElapsedTime(positionSavedAt);
        if (!holding || handledThrough == 0 || handledThrough == savedThrough
            || (!force && (since < TimeSpan.FromSeconds(1) || (since < TimeSpan.FromSeconds(10) && !activity.QuietFor(QuietBeforeHandlers)))))
        {
            // In a burst, every 10 s: the write takes the writer's turn. A crash hands the items since over again, which
            // the stages take without a second copy.
            return;
        }

        try
        {
            var through = handledThrough;
            var now = clock.GetUtcNow().UtcDateTime;
            var fenced = leases is not null;
            var token = leases?.Token(LeaseNames.IntakeStages);
            var node = leases?.Node;
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            using (await writeGate.EnterAsync(CancellationToken.None))
            {
                var updated = await db.IntakeProgress
                    .Where(p => p.Name == IntakeProgress.Stages
                        && (!fenced || db.Leases.Any(l => l.Name == LeaseNames.IntakeStages && l.Holder == node && l.Version == token && l.ExpiresAt > now)))
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.ItemId, through).SetProperty(p => p.UpdatedAt, now));
                if (updated == 0 && !await db.IntakeProgress.AnyAsync(p => p.Name == IntakeProgress.Stages))
                {
                    db.IntakeProgress.Add(new IntakeProgress { Name = IntakeProgress.Stages, ItemId = through, UpdatedAt = now });
                    await db.SaveChangesAsync();
                }
            }

            savedThrough = through;
            positionSavedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        catch (Exception ex) when (IsStopping(ex))
        {
            // Given up as the container went away (DisposeAsync): nothing can be saved, and a restart hands these items over again.
        }
        catch (Exception ex)
        {
            // Not saving it only means a restart hands a few items over again (their stages are idempotent on the index).
            logger.LogWarning(ex, "The ingested-item handlers' position #{Id} was not saved", handledThrough);
        }
    }

    /// <summary>
    /// When batches did not fit in the hand-off queue: hands every committed item after the handlers' position to them,
    /// read from the database in pages, until none is left (batches that miss the queue meanwhile are included).
    /// </summary>
    private async Task CatchUpAsync()
    {
        const int Page = 1_000;
        while (!abandon.IsCancellationRequested && Volatile.Read(ref missedFrom) is var from and > 0)
        {
            // Everything before the first missed batch went through the queue, and is handed over before or after this.
            var after = handledThrough > 0 ? handledThrough : from - 1;
            Volatile.Write(ref missedFrom, 0);
            while (!abandon.IsCancellationRequested)
            {
                List<OpinionItem> page;
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(abandon.Token);
                    page = await db.Items.AsNoTracking().Where(i => i.Id > after).OrderBy(i => i.Id).Take(Page).ToListAsync(abandon.Token);
                }
                catch (Exception ex) when (!IsStopping(ex))
                {
                    // The database is busy or gone for now: try again with the next batch that misses the queue.
                    logger.LogWarning(ex, "The ingested-item handlers could not read the items after #{Id}", after);
                    Interlocked.CompareExchange(ref missedFrom, after + 1, 0);
                    return;
                }
                catch (Exception)
                {
                    // Stopping (IsStopping).
                    return;
                }

                if (page.Count == 0)
                {
                    break;
                }

                await ProcessAsync(page);
                await SavePositionAsync(force: false);
                after = page[^1].Id;
            }
        }
    }

    /// <summary>
    /// Runs the handlers on the items, <see cref="HandlerChunk"/> items at a time. They are background work: before each
    /// chunk they wait until the intake has been quiet for <see cref="QuietBeforeHandlers"/> (no API request in flight, no
    /// batch written), for <see cref="MaxHandlerWait"/> at most, so a burst is acknowledged first and its suggestions
    /// follow (docs/benchmarks-intake.md). When it is quiet they run side by side on every core; when they stopped waiting
    /// with requests still coming they run one after the other, on one core: on two cores, running them at once took both
    /// from the requests they follow (POST 0.34× GET). A handler that fails is logged; the items stay committed and
    /// acknowledged.
    /// </summary>
    /// <returns>The id of the last item handed over (0 when none was: shutting down).</returns>
    private async Task<int> RunHandlersAsync(IReadOnlyList<OpinionItem> created)
    {
        // Resolved on first use: a handler may itself depend on the intake (a same-matter stage attaching items).
        handlers ??= services.GetServices<IItemsIngestedHandler>().ToList();
        var last = 0;
        foreach (var chunk in created.Chunk(HandlerChunk))
        {
            bool quiet;
            try
            {
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (!(quiet = activity.QuietFor(QuietBeforeHandlers)) && waited.Elapsed < MaxHandlerWait)
                {
                    await Task.Delay(10, abandon.Token);
                }
            }
            catch (OperationCanceledException)
            {
                return last;
            }

            if (abandon.IsCancellationRequested)
            {
                return last;
            }

            if (quiet && handlers.Count > 1)
            {
                // Nothing to answer: every core is the stages' (after a burst, its suggestions follow twice as fast).
                await Task.WhenAll(handlers.Select(handler => Task.Run(() => RunHandlerAsync(handler, chunk))));
            }
            else
            {
                foreach (var handler in handlers)
                {
                    await RunHandlerAsync(handler, chunk);
                }
            }

            last = chunk[^1].Id;
        }

        return last;
    }

    private async Task RunHandlerAsync(IItemsIngestedHandler handler, IReadOnlyList<OpinionItem> created)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await handler.OnIngestedAsync(created, abandon.Token);
        }
        catch (Exception ex) when (abandon.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException)
        {
            // Shut down with the handlers behind (the services they use may already be gone): their loaders rebuild what
            // they derive from the committed items.
            logger.LogInformation("{Handler} stopped with the intake on {Count} new items", handler.GetType().Name, created.Count);
        }
        catch (Exception ex)
        {
            // The items are committed and acknowledged: a failing index or suggestion stage must not undo that.
            logger.LogError(ex, "{Handler} failed on {Count} new items", handler.GetType().Name, created.Count);
        }
        finally
        {
            lock (handlerTotals)
            {
                var name = handler.GetType().Name;
                var (items, time) = handlerTotals.GetValueOrDefault(name);
                handlerTotals[name] = (items + created.Count, time + System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        }
    }
}
