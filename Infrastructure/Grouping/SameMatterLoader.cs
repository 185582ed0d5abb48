using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>
/// Loads the same-matter index in the background at start-up (the app serves meanwhile; new items wait), and rebuilds
/// it every <see cref="GroupingOptions.RecountEvery"/> or when the gazetteer changes: the word weights and the learned
/// boilerplate follow the corpus, and items older than the window drop out.
/// </summary>
public sealed class SameMatterLoader(
    SameMatterIndex index,
    SameMatterStage stage,
    JiebaWordSegmenter segmenter,
    IDbContextFactory<OpinionDbContext> dbFactory,
    IOptions<GroupingOptions> options,
    TimeProvider clock,
    ILogger<SameMatterLoader> logger) : BackgroundService
{
    private readonly SemaphoreSlim _rebuild = new(0);

    /// <summary>Asks for a rebuild soon (the gazetteer changed).</summary>
    public void RequestRebuild() => _rebuild.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RebuildAsync(stoppingToken);
                await stage.DrainWaitingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The same-matter index could not be built; retrying at the next recount.");
            }

            try
            {
                await _rebuild.WaitAsync(options.Value.RecountEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var (corpus, places) = await LoadCorpusAsync(dbFactory, options.Value, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var (model, features) = MatterModel.Build(corpus, places, segmenter, options.Value, cancellationToken);
        index.Reset(model, features);

        // Items committed while the model was being built: the intake handler put them into the old index.
        var lastId = corpus.Count == 0 ? 0 : corpus.Max(d => d.ItemId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = await db.Items.AsNoTracking().Where(i => i.Id > lastId)
            .Select(i => new MatterDocument(i.Id, i.Title, i.Content, i.PublishedAt ?? i.CollectedAt)).ToListAsync(cancellationToken);
        foreach (var document in since)
        {
            index.Add(model.Extract(document));
        }

        logger.LogInformation("Same-matter index: {Count} items, {Boilerplate} learned boilerplate clauses, built in {Seconds:F1} s.",
            index.Count, model.Boilerplate.Learned.Count, (DateTime.UtcNow - started).TotalSeconds);
    }

    /// <summary>The items of the window (by collection time) and the gazetteer, as the index and the evaluation use them.</summary>
    public static async Task<(List<MatterDocument> Corpus, List<Domain.Grouping.Place> Places)> LoadCorpusAsync(
        IDbContextFactory<OpinionDbContext> dbFactory, GroupingOptions options, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var from = now.AddDays(-options.WindowDays);
        var corpus = await db.Items.AsNoTracking().Where(i => i.CollectedAt >= from).OrderBy(i => i.Id)
            .Select(i => new MatterDocument(i.Id, i.Title, i.Content, i.PublishedAt ?? i.CollectedAt)).ToListAsync(cancellationToken);
        var places = await db.Places.AsNoTracking().ToListAsync(cancellationToken);
        return (corpus, places);
    }
}
