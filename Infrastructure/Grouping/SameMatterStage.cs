using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>
/// Stage 2 at intake: each new item is scored against the recent items it could be about, and the best
/// links are written as <see cref="SuggestionStage.SameMatter"/> suggestions — with the open case of the earlier item
/// when it has one. Never attaches anything. Items that arrive before the index is loaded wait for it.
/// </summary>
public sealed class SameMatterStage(
    SameMatterIndex index,
    IDbContextFactory<OpinionDbContext> dbFactory,
    IntakeWriteGate writeGate,
    IOptions<GroupingOptions> options,
    TimeProvider clock,
    ILiveEventHub hub,
    ILogger<SameMatterStage> logger) : IItemsIngestedHandler, IItemsFollower
{
    /// <summary>Suggestions written per new item at most (the queue row shows the best; the rest are for later use).</summary>
    public const int SuggestionsPerItem = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Stored readable ("滨江小区", not \u6EE8…): the column is read by people and by the queue, never put into HTML as is.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private readonly ConcurrentQueue<OpinionItem> _waiting = new();

    public async Task OnIngestedAsync(IReadOnlyList<OpinionItem> created, CancellationToken cancellationToken)
    {
        if (index.Model is null)
        {
            foreach (var item in created)
            {
                _waiting.Enqueue(item);
            }

            return;
        }

        await SuggestAsync(created, cancellationToken);
    }

    /// <summary>Indexes the items without suggesting anything; before the index is loaded, the load reads them itself.</summary>
    public void Follow(IReadOnlyList<OpinionItem> items)
    {
        if (index.Model is not { } model)
        {
            return;
        }

        foreach (var item in items)
        {
            index.Add(model.Extract(new MatterDocument(item.Id, item.Title, item.Content, item.PublishedAt ?? item.CollectedAt)));
        }

        index.ReweighIfGrown();
    }

    /// <summary>Runs the items that arrived while the index was loading (called by the loader once it is).</summary>
    internal async Task DrainWaitingAsync(CancellationToken cancellationToken)
    {
        var items = new List<OpinionItem>();
        while (_waiting.TryDequeue(out var item))
        {
            items.Add(item);
        }

        if (items.Count > 0)
        {
            await SuggestAsync(items, cancellationToken);
        }
    }

    private async Task SuggestAsync(IReadOnlyList<OpinionItem> items, CancellationToken cancellationToken)
    {
        var model = index.Model!;
        var now = clock.GetUtcNow().UtcDateTime;
        var notBefore = now.AddDays(-options.Value.WindowDays);
        var found = new List<(OpinionItem Item, MatterCandidate Candidate)>();
        var features = model.ExtractAll(
            [.. items.Select(item => new MatterDocument(item.Id, item.Title, item.Content, item.PublishedAt ?? item.CollectedAt))], cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            // In order: an item is compared with the batch's earlier items too.
            found.AddRange(index.Find(features[i], SuggestionsPerItem, notBefore).Select(c => (items[i], c)));
            index.Add(features[i]);
        }

        index.ReweighIfGrown();

        if (found.Count == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(found, now, cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            // A suggestion is a help, not a record: losing one must not fail the intake that already committed.
            logger.LogWarning(e, "Same-matter suggestions for {Count} items were not written.", items.Count);
        }
    }

    private async Task WriteAsync(List<(OpinionItem Item, MatterCandidate Candidate)> found, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var relatedIds = found.Select(f => f.Candidate.Other.ItemId).Distinct().ToList();
        var open = CaseWorkflow.OpenStates.ToList();
        var cases = await db.Items.AsNoTracking()
            .Where(i => relatedIds.Contains(i.Id) && i.CaseId != null)
            .Join(db.Cases.AsNoTracking().Where(c => open.Contains(c.State)), i => i.CaseId, c => c.Id, (i, c) => new { i.Id, CaseId = c.Id })
            .ToDictionaryAsync(x => x.Id, x => x.CaseId, cancellationToken);
        var suggestions = found.Select(f => new ItemSuggestion(f.Item.Id, SuggestionStage.SameMatter, Math.Round(f.Candidate.Score.Score, 3),
                JsonSerializer.Serialize(f.Candidate.Score.Reasons.Select(r => new { kind = r.Kind, value = r.Value }), Json), now,
                f.Candidate.Other.ItemId, cases.TryGetValue(f.Candidate.Other.ItemId, out var caseId) ? caseId : null))
            .ToList();
        await SuggestionRows.InsertNewAsync(db, writeGate, suggestions, cancellationToken);

        // The items are already on screens (the intake published them before the stages ran): their rows now have more
        // to show. Not "collected": nothing new arrived.
        await hub.PublishAsync(new ItemsChanged(found.Select(f => f.Item.Id).Distinct().ToList(), Collected: false), cancellationToken);
    }
}
