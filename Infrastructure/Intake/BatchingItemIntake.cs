using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Observability;
using OpinionResponse.Infrastructure.Search;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// The single writer of every channel. Callers put their submissions on a bounded queue; one long-running task takes what is
/// waiting (up to <see cref="IntakeOptions.MaxBatch"/> items), drops repeats of (source, external id) within the batch
/// and against the database, inserts the rest in one transaction and commits. Only then is each caller's task
/// completed with its ids — so an acknowledged item is on disk (synchronous=FULL) and survives a kill — then
/// one live event goes out for the whole batch, and the batch is handed to <see cref="IntakeStages"/>, which run the
/// <see cref="IItemsIngestedHandler"/>s on a task of their own in commit order; the writer never waits for them.
/// <para>
/// A full queue refuses at once with <see cref="IntakeBusyException"/> (the API answers 429 with Retry-After) instead of
/// letting requests pile up in memory. A batch that fails is retried row by row, each row in its own transaction, so a
/// bad row fails only its own caller and the writer never stops. Shutdown stops taking submissions, drains the queue,
/// then lets the stages finish what they were handed.
/// </para>
/// </summary>
public sealed class BatchingItemIntake : IItemIntake, IHostedService, IAsyncDisposable
{
    private readonly IDbContextFactory<OpinionDbContext> dbFactory;
    private readonly IntakeWriteGate writeGate;
    private readonly IntakeActivity activity;
    private readonly TimeProvider clock;
    private readonly IServiceProvider services;
    private readonly IntakeStages stages;
    private readonly IntakeOptions options;
    private readonly ILogger<BatchingItemIntake> logger;
    private readonly DeskMetrics metrics;
    private readonly Channel<Pending> queue;
    private readonly Lock startGate = new();
    private Task? writer;
    private int writing;

    /// <summary>The search index when the writer indexes its items itself (<see cref="ItemIndexing.InWriter"/>), else null.</summary>
    private readonly Lazy<ISearchIndex?> searchIndex;

    public BatchingItemIntake(
        IDbContextFactory<OpinionDbContext> dbFactory,
        IntakeWriteGate writeGate,
        IntakeActivity activity,
        IntakeStages stages,
        TimeProvider clock,
        IServiceProvider services,
        IOptions<IntakeOptions> options,
        DeskMetrics metrics,
        ILogger<BatchingItemIntake> logger)
    {
        this.metrics = metrics;
        this.dbFactory = dbFactory;
        this.writeGate = writeGate;
        this.activity = activity;
        this.stages = stages;
        this.clock = clock;
        this.services = services;
        this.options = options.Value;
        this.logger = logger;
        metrics.Meter.CreateObservableGauge("opinion.intake.queue.depth", () => Waiting, "{submission}", "Submissions waiting for the intake writer.");
        searchIndex = new Lazy<ISearchIndex?>(() =>
            services.GetService<IOptions<SearchOptions>>()?.Value.ItemIndexing is ItemIndexing.InWriter or null
                ? services.GetService<ISearchIndex>()
                : null);
        queue = System.Threading.Channels.Channel.CreateBounded<Pending>(new BoundedChannelOptions(Math.Max(1, this.options.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Submissions waiting for the writer (read by the back-pressure tests).</summary>
    public int Waiting => queue.Reader.Count;

    /// <summary>The most submissions that may wait for the writer before callers wait (back-pressure).</summary>
    public int QueueCapacity => Math.Max(1, options.QueueCapacity);

    /// <summary>Submissions the writer has taken and not yet answered.</summary>
    public int Writing => Volatile.Read(ref writing);

    public async Task<IReadOnlyList<IntakeResult>> SubmitAsync(IReadOnlyList<ValidSubmission> items, IntakeAudit? audit, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }

        EnsureStarted();
        var pending = new Pending(items, audit);
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

    /// <summary>
    /// Takes no more submissions and waits (up to <see cref="IntakeOptions.DrainSeconds"/>) for the queue to drain, then,
    /// with what is left of that time, for the stages to finish the batches they were handed.
    /// </summary>
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

        await stages.CompleteAsync(until - clock.Elapsed > TimeSpan.Zero ? until - clock.Elapsed : TimeSpan.FromSeconds(1), cancellationToken);
    }

    /// <summary>
    /// Disposed by the container: after a host's stop nothing is left to do. Without one the container resolves nothing
    /// any more, so the stages are given up first (<see cref="IntakeStages.DisposeAsync"/>) rather than run to fail.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await stages.DisposeAsync();
        await StopAsync(CancellationToken.None);
    }

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
                stages.EnsureStarted();

                // The writer must not inherit the first caller's async-locals (its ambient audit entry, its culture).
                using (ExecutionContext.SuppressFlow())
                {
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
                activity.Touch();
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

        // On screens at once (不迟报); the stages (near-duplicates, same matter) follow on their own task so a slow
        // stage never holds up the next commit.
        stages.Committed(created);
        metrics.ItemsIngested(created.Count);
        await PublishAsync(created);
        stages.HandOver(created);
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
        using var turn = await writeGate.EnterAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var existing = await FindExistingAsync(db, rows);
        var firstOfKey = new Dictionary<(string, string), OpinionItem>();
        var created = new List<OpinionItem>();
        var repeats = new List<(Row Row, OpinionItem First)>();
        var seenAgain = new Dictionary<int, (KnownItem, ItemSubmission)>();
        foreach (var row in rows)
        {
            var s = row.Submission;
            if (s.ExternalId is { } externalId)
            {
                if (existing.TryGetValue((s.SourceKey, externalId), out var known))
                {
                    row.Pending.Results![row.Index] = new IntakeResult(known.Id, false);
                    if (known.NewCountsIn(s))
                    {
                        seenAgain[known.Id] = (known, s);
                    }

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

        await RowWriter<OpinionItem>.For(db.Model).InsertAsync(db, transaction, created);
        await EngagementUpdates.WriteAsync(db, transaction, seenAgain.Values, now);
        if (searchIndex.Value is { } index)
        {
            // In the same transaction: an acknowledged item can be found at once (docs/benchmarks-search.md weighs the cost).
            await index.AddItemsAsync(db, created, CancellationToken.None);
        }

        await CountApiUseAsync(db, rows, now);
        var audits = AuditsOf(rows);
        await RowWriter<AuditEntry>.For(db.Model).InsertAsync(db, transaction, audits.Select(a => a.Entry).ToList());
        await transaction.CommitAsync();
        audits.ForEach(a => a.Written = true);

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

    /// <summary>
    /// The audit rows of the submissions in <paramref name="rows"/> not yet written, with their counts. After a failed batch
    /// (row by row), a submission's row goes with the first of its items that commits.
    /// </summary>
    private static List<IntakeAudit> AuditsOf(IReadOnlyList<Row> rows)
    {
        var audits = new List<IntakeAudit>();
        foreach (var submission in rows.GroupBy(r => r.Pending))
        {
            if (submission.Key.Audit is not { Written: false } audit)
            {
                continue;
            }

            var created = submission.Where(r => r.Item is not null).Select(r => r.Item!).ToList();
            if (audit.OnlyWhenStored && created.Count == 0)
            {
                continue;
            }

            audit.Entry.Id = 0;
            audit.Count(submission.Count(), created);
            audits.Add(audit);
        }

        return audits;
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

    /// <summary>The stored items of the batch's external ids, with their counts, in the one query per source the dedup needs anyway.</summary>
    private static async Task<Dictionary<(string, string), KnownItem>> FindExistingAsync(OpinionDbContext db, IReadOnlyList<Row> rows)
    {
        var found = new Dictionary<(string, string), KnownItem>();
        foreach (var source in rows.Where(r => r.Submission.ExternalId is not null).GroupBy(r => r.Submission.SourceKey))
        {
            var sourceKey = source.Key;
            var externalIds = source.Select(r => r.Submission.ExternalId).Distinct().ToList();
            var matches = await db.Items.AsNoTracking()
                .Where(i => i.SourceKey == sourceKey && externalIds.Contains(i.ExternalId))
                .Select(i => new
                {
                    i.ExternalId,
                    Known = new KnownItem(i.Id, i.CollectedAt, i.Views, i.Shares, i.Comments, i.Likes,
                        db.EngagementObservations.Any(o => o.ItemId == i.Id)),
                })
                .ToListAsync();
            foreach (var match in matches)
            {
                found[(sourceKey, match.ExternalId!)] = match.Known;
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

    private sealed class Pending(IReadOnlyList<ValidSubmission> items, IntakeAudit? audit)
    {
        public IReadOnlyList<ValidSubmission> Items { get; } = items;

        public IntakeAudit? Audit { get; } = audit;

        public IntakeResult[]? Results { get; set; }

        public TaskCompletionSource<IReadOnlyList<IntakeResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Row(Pending pending, int index)
    {
        public Pending Pending { get; } = pending;

        public int Index { get; } = index;

        public ItemSubmission Submission => Pending.Items[Index].Submission;

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
