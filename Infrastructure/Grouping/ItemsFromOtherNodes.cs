using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Similarity;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>
/// The near-duplicate and same-matter indexes are kept in each app process's memory, and the intake stages feed them
/// with the items that process stored. With several processes, an item stored by another one must be in this one's
/// indexes too, or a later copy arriving here is not recognised as its near-duplicate. Another node's
/// <see cref="ItemsChanged"/> with <c>Collected</c> names the new items: their rows are read from the shared database
/// (committed before the event was sent) and added to both indexes. Both adds are idempotent, so an item handed over by
/// a stage as well costs nothing more.
/// </summary>
public sealed class ItemsFromOtherNodes(
    ILiveEventHub hub,
    NearDuplicateService nearDuplicates,
    SameMatterIndex sameMatter,
    IDbContextFactory<OpinionDbContext> dbFactory,
    ILogger<ItemsFromOtherNodes> logger) : BackgroundService
{
    private const int MaxRead = 1000;

    // Unbounded: a burst of events must not hold the hub's reader; the ids are small and each is read once.
    private readonly Channel<IReadOnlyList<int>> arrived = Channel.CreateUnbounded<IReadOnlyList<int>>(new() { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = hub.Subscribe<ItemsChanged>(e =>
        {
            if (e.Collected && e.FromAnotherNode && e.ItemIds.Count > 0)
            {
                arrived.Writer.TryWrite(e.ItemIds);
            }

            return ValueTask.CompletedTask;
        });

        var reader = arrived.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var ids = new HashSet<int>();
                while (ids.Count < MaxRead && reader.TryRead(out var more))
                {
                    ids.UnionWith(more);
                }

                try
                {
                    await AddAsync(ids, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The hourly rebuild of the same-matter index reads them from the database anyway; the near-duplicate
                    // index misses them until the next start.
                    logger.LogWarning(ex, "{Count} items stored by another node were not added to this node's indexes.", ids.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Reads the items by id and adds them to both indexes.</summary>
    public async Task AddAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.Content, At = i.PublishedAt ?? i.CollectedAt })
            .ToListAsync(cancellationToken);
        var model = sameMatter.Model;
        foreach (var row in rows)
        {
            nearDuplicates.Add(row.Id, TextFingerprint.Of(TextFingerprint.ItemText(row.Title, row.Content)));
            // Not loaded yet: its loader reads every item stored meanwhile once it is.
            if (model is not null)
            {
                sameMatter.Add(model.Extract(new MatterDocument(row.Id, row.Title, row.Content, row.At)));
            }
        }

        if (model is not null)
        {
            sameMatter.ReweighIfGrown();
        }

        logger.LogDebug("{Count} items stored by another node added to this node's indexes.", rows.Count);
    }
}
