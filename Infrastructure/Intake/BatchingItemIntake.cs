using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// The single writer of issue 4. Callers put their submissions on a bounded queue; one long-running task takes what is
/// waiting (up to <see cref="IntakeOptions.MaxBatch"/> items), drops repeats of (source, external id) within the batch
/// and against the database, inserts the rest in one transaction and commits. Only then is each caller's task
/// completed with its ids — so an acknowledged item is on disk (synchronous=FULL) and survives a kill — then
/// one live event goes out for the whole batch, and the batch goes to the <see cref="IItemsIngestedHandler"/>s, which
/// run on a task of their own in commit order.
/// <para>
/// A full queue refuses at once with <see cref="IntakeBusyException"/> (the API answers 429 with Retry-After) instead of
/// letting requests pile up in memory. A batch that fails is retried row by row, each row in its own transaction, so a
/// bad row fails only its own caller and the writer never stops. Shutdown stops taking submissions and drains the queue.
/// </para>
/// </summary>
public sealed class BatchingItemIntake : IItemIntake, IHostedService, IAsyncDisposable
{
    private readonly IDbContextFactory<OpinionDbContext> dbFactory;
    private readonly TimeProvider clock;
    private readonly IServiceProvider services;
    private readonly IntakeOptions options;
    private readonly ILogger<BatchingItemIntake> logger;
    private readonly Channel<Pending> queue;
    private readonly Channel<IReadOnlyList<OpinionItem>> ingested;
    private readonly Lock startGate = new();
    private Task? writer;
    private Task? afterCommit;
    private int writing;
    private readonly CancellationTokenSource abandon = new();
    private readonly Dictionary<string, (long Items, TimeSpan Time)> handlerTotals = [];
    private ItemRowWriter? rowWriter;
    private IReadOnlyList<IItemsIngestedHandler>? handlers;

    public BatchingItemIntake(
        IDbContextFactory<OpinionDbContext> dbFactory,
        TimeProvider clock,
        IServiceProvider services,
        IOptions<IntakeOptions> options,
        ILogger<BatchingItemIntake> logger)
    {
        this.dbFactory = dbFactory;
        this.clock = clock;
        this.services = services;
        this.options = options.Value;
        this.logger = logger;
        queue = System.Threading.Channels.Channel.CreateBounded<Pending>(new BoundedChannelOptions(Math.Max(1, this.options.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Committed batches waiting for the handlers. Bounded: handlers that fall far behind slow the writer down
        // rather than let memory grow.
        ingested = System.Threading.Channels.Channel.CreateBounded<IReadOnlyList<OpinionItem>>(new BoundedChannelOptions(256)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Submissions waiting for the writer (for health checks and tests).</summary>
    public int Waiting => queue.Reader.Count;

    /// <summary>Per handler: items handed to it and the time it took (for the benchmark and health checks).</summary>
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

    /// <summary>Submissions the writer has taken and not yet answered.</summary>
    public int Writing => Volatile.Read(ref writing);

    public async Task<IReadOnlyList<IntakeResult>> SubmitAsync(IReadOnlyList<ItemSubmission> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }

        EnsureStarted();
        var pending = new Pending(items);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new IntakeBusyException(TimeSpan.FromSeconds(Math.Max(1, options.RetryAfterSeconds)));
        }

        // A caller that gives up still gets its items stored (idempotent on a retry): only the wait is cancelled.
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    /// <summary>Takes no more submissions and waits (up to <see cref="IntakeOptions.DrainSeconds"/>) for the queue to drain.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!queue.Writer.TryComplete())
        {
            return;
        }

        var until = TimeSpan.FromSeconds(Math.Max(1, options.DrainSeconds));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (writer is { } running)
        {
            try
            {
                await running.WaitAsync(until, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                logger.LogWarning("Intake stopped with {Waiting} submissions not written: their callers were not acknowledged", queue.Reader.Count);
                return;
            }
        }

        ingested.Writer.TryComplete();
        if (afterCommit is { } handling)
        {
            try
            {
                await handling.WaitAsync(until - clock.Elapsed > TimeSpan.Zero ? until - clock.Elapsed : TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // The items are committed; what the handlers derive from them (suggestions, indexes) is rebuilt by their loaders.
                logger.LogWarning("Intake stopped before the ingested-item handlers caught up ({Batches} batches left)", ingested.Reader.Count);
                await abandon.CancelAsync();
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private void EnsureStarted()
    {
        if (writer is not null)
        {
            return;
        }

        lock (startGate)
        {
            if (writer is null)
            {
                // The writer must not inherit the first caller's async-locals (its ambient audit entry, its culture).
                using (ExecutionContext.SuppressFlow())
                {
                    afterCommit = Task.Run(RunHandlersLoopAsync);
                    writer = Task.Run(RunAsync);
                }
            }
        }
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var count = 0;
            while (reader.TryPeek(out var next) && (count == 0 || count + next.Items.Count <= options.MaxBatch) && reader.TryRead(out next))
            {
                batch.Add(next);
                count += next.Items.Count;
            }

            Volatile.Write(ref writing, batch.Count);
            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception ex)
            {
                // Never reached in normal operation (WriteBatchAsync isolates failures), but the writer must outlive anything.
                logger.LogError(ex, "The intake writer failed a batch of {Count} items", count);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }
            }
            finally
            {
                Volatile.Write(ref writing, 0);
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var rows = new List<Row>();
        foreach (var pending in batch)
        {
            for (var i = 0; i < pending.Items.Count; i++)
            {
                rows.Add(new Row(pending, i));
            }
        }

        List<OpinionItem> created;
        try
        {
            created = await StoreAsync(rows);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(pending.Results!);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A batch of {Count} items failed; retrying row by row", rows.Count);
            created = await StoreRowByRowAsync(batch, rows);
        }

        if (created.Count == 0)
        {
            return;
        }

        // On screens at once (不迟报); the handlers (near-duplicates, same matter) follow on their own task so a slow
        // stage never holds up the next commit.
        await PublishAsync(created);
        try
        {
            await ingested.Writer.WriteAsync(created, abandon.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutting down with the handlers given up on: nothing will read this batch.
        }
    }

    /// <summary>Hands committed items to the handlers in commit order, whatever has piled up in one call.</summary>
    private async Task RunHandlersLoopAsync()
    {
        var reader = ingested.Reader;
        while (!abandon.IsCancellationRequested && await reader.WaitToReadAsync())
        {
            var items = new List<OpinionItem>();
            while (items.Count < 5_000 && reader.TryRead(out var batch))
            {
                items.AddRange(batch);
            }

            await RunHandlersAsync(items);
        }
    }

    /// <summary>One transaction for all <paramref name="rows"/>; fills each row's result. Throws and stores nothing on failure.</summary>
    private async Task<List<OpinionItem>> StoreAsync(IReadOnlyList<Row> rows)
    {
        foreach (var row in rows)
        {
            row.Pending.Results ??= new IntakeResult[row.Pending.Items.Count];
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var existing = await FindExistingAsync(db, rows);
        var firstOfKey = new Dictionary<(string, string), OpinionItem>();
        var created = new List<OpinionItem>();
        var repeats = new List<(Row Row, OpinionItem First)>();
        foreach (var row in rows)
        {
            var s = row.Submission;
            if (s.ExternalId is { } externalId)
            {
                if (existing.TryGetValue((s.SourceKey, externalId), out var id))
                {
                    row.Pending.Results![row.Index] = new IntakeResult(id, false);
                    continue;
                }

                if (firstOfKey.TryGetValue((s.SourceKey, externalId), out var first))
                {
                    repeats.Add((row, first));
                    continue;
                }
            }

            var item = ItemFactory.Create(s, now);
            created.Add(item);
            row.Item = item;
            if (s.ExternalId is { } key)
            {
                firstOfKey[(s.SourceKey, key)] = item;
            }
        }

        rowWriter ??= ItemRowWriter.For(db.Model);
        await rowWriter.InsertAsync(db, transaction, created);
        await CountApiUseAsync(db, rows, now);
        await transaction.CommitAsync();

        foreach (var row in rows.Where(r => r.Item is not null))
        {
            row.Pending.Results![row.Index] = new IntakeResult(row.Item!.Id, true);
        }

        foreach (var (row, first) in repeats)
        {
            row.Pending.Results![row.Index] = new IntakeResult(first.Id, false);
        }

        return created;
    }

    /// <summary>After a failed batch: every row in a transaction of its own, so one bad row fails only its caller.</summary>
    private async Task<List<OpinionItem>> StoreRowByRowAsync(List<Pending> batch, List<Row> rows)
    {
        var created = new List<OpinionItem>();
        var failures = new Dictionary<Pending, Dictionary<int, Exception>>();
        foreach (var row in rows)
        {
            row.Item = null;
            try
            {
                var single = new Row(row.Pending, row.Index);
                created.AddRange(await StoreAsync([single]));
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Item {Index} of a submission could not be stored", row.Index);
                if (!failures.TryGetValue(row.Pending, out var failed))
                {
                    failures[row.Pending] = failed = [];
                }

                failed[row.Index] = ex;
            }
        }

        foreach (var pending in batch)
        {
            if (failures.TryGetValue(pending, out var failed))
            {
                pending.Done.TrySetException(new IntakeFailedException(pending.Results!.Select((r, i) => failed.ContainsKey(i) ? null : r).ToList(), failed));
            }
            else
            {
                pending.Done.TrySetResult(pending.Results!);
            }
        }

        return created;
    }

    private static async Task<Dictionary<(string, string), int>> FindExistingAsync(OpinionDbContext db, IReadOnlyList<Row> rows)
    {
        var found = new Dictionary<(string, string), int>();
        foreach (var source in rows.Where(r => r.Submission.ExternalId is not null).GroupBy(r => r.Submission.SourceKey))
        {
            var sourceKey = source.Key;
            var externalIds = source.Select(r => r.Submission.ExternalId).Distinct().ToList();
            var matches = await db.Items.AsNoTracking()
                .Where(i => i.SourceKey == sourceKey && externalIds.Contains(i.ExternalId))
                .Select(i => new { i.ExternalId, i.Id })
                .ToListAsync();
            foreach (var match in matches)
            {
                found[(sourceKey, match.ExternalId!)] = match.Id;
            }
        }

        return found;
    }

    /// <summary>API clients' last use and items taken, once per batch inside its transaction rather than once per request.</summary>
    private static async Task CountApiUseAsync(OpinionDbContext db, IReadOnlyList<Row> rows, DateTime now)
    {
        foreach (var client in rows.GroupBy(r => ItemSources.ApiClientId(r.Submission.SourceKey)))
        {
            if (client.Key is not { } clientId)
            {
                continue;
            }

            var taken = client.LongCount(r => r.Item is not null);
            await db.ApiClients.Where(c => c.Id == clientId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.LastUsedAt, now).SetProperty(c => c.ItemsTaken, c => c.ItemsTaken + taken));
        }
    }

    /// <summary>
    /// Runs every handler on the items, all at once: the stages are independent (each writes its own kind of suggestion and
    /// reads only committed items), so on two cores they take as long as the slowest of them rather than their sum. A
    /// handler that fails is logged; the items stay committed and acknowledged.
    /// </summary>
    private async Task RunHandlersAsync(IReadOnlyList<OpinionItem> created)
    {
        // Resolved on first use: a handler may itself depend on the intake (a same-matter stage attaching items).
        handlers ??= services.GetServices<IItemsIngestedHandler>().ToList();
        if (abandon.IsCancellationRequested)
        {
            return;
        }

        await Task.WhenAll(handlers.Select(handler => Task.Run(() => RunHandlerAsync(handler, created))));
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

    /// <summary>One live event for the whole batch: the items' ItemCollected events through the same sink as every commit.</summary>
    private async Task PublishAsync(IReadOnlyList<OpinionItem> created)
    {
        if (services.GetService<IDomainEventSink>() is not { } sink)
        {
            return;
        }

        var raised = created.Where(i => i.DomainEvents.Count > 0).Select(i => new RaisedEvents(i, i.DomainEvents.ToList())).ToList();
        created.ToList().ForEach(i => i.ClearDomainEvents());
        try
        {
            await sink.PublishAsync(raised, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Publishing the live event of {Count} new items failed", created.Count);
        }
    }

    private sealed class Pending(IReadOnlyList<ItemSubmission> items)
    {
        public IReadOnlyList<ItemSubmission> Items { get; } = items;

        public IntakeResult[]? Results { get; set; }

        public TaskCompletionSource<IReadOnlyList<IntakeResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Row(Pending pending, int index)
    {
        public Pending Pending { get; } = pending;

        public int Index { get; } = index;

        public ItemSubmission Submission => Pending.Items[Index];

        /// <summary>The new item when this row creates one.</summary>
        public OpinionItem? Item { get; set; }
    }
}

/// <summary>
/// Some items of a submission could not be stored (a database error on those rows); the others were committed and have
/// their results.
/// </summary>
public sealed class IntakeFailedException(IReadOnlyList<IntakeResult?> results, IReadOnlyDictionary<int, Exception> failed)
    : Exception($"{failed.Count} item(s) could not be stored.", failed.Values.FirstOrDefault())
{
    /// <summary>Per submitted item: its result, or null when it failed.</summary>
    public IReadOnlyList<IntakeResult?> Results { get; } = results;

    /// <summary>The failed items by index, with why.</summary>
    public IReadOnlyDictionary<int, Exception> Failed { get; } = failed;
}
