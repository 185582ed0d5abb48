using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.Infrastructure.Similarity;

/// <summary>
/// Stage 1 at intake: each new item joins the near-duplicate index and is compared with the earlier
/// items it resembles; the closest become <see cref="SuggestionStage.NearDuplicate"/> suggestions (with the open case
/// of the earlier item). Where the item's source is set to auto-attach and the global switch allows it, the item is
/// attached to the open case of its best near-duplicate, with the reason on the case's timeline.
/// </summary>
public sealed class NearDuplicateStage(
    NearDuplicateService service,
    IDbContextFactory<OpinionDbContext> dbFactory,
    IntakeWriteGate writeGate,
    ILiveEventHub hub,
    TimeProvider clock,
    ILogger<NearDuplicateStage> logger) : IItemsIngestedHandler, IItemsFollower
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task OnIngestedAsync(IReadOnlyList<OpinionItem> created, CancellationToken cancellationToken)
    {
        if (created.Count == 0)
        {
            return;
        }

        var options = service.Options;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = new List<(OpinionItem Item, TextFingerprint Fingerprint, List<int> Candidates)>();
        foreach (var item in created.OrderBy(i => i.Id))
        {
            var fingerprint = TextFingerprint.Of(TextFingerprint.ItemText(item.Title, item.Content));
            // Earlier items only, including earlier ones of this batch (added just before): the first copy is the original.
            batch.Add((item, fingerprint, service.CandidatesOf(fingerprint, item.Id, item.Id)));
            service.Add(item.Id, fingerprint);
        }

        var stored = await service.FingerprintsAsync(db, batch.SelectMany(b => b.Candidates).ToHashSet(), cancellationToken);
        var found = batch
            .Select(b => (b.Item, Matches: service.Verify(b.Fingerprint, b.Candidates, stored).Take(options.MaxSuggestions).ToList()))
            .Where(f => f.Matches.Count > 0)
            .ToList();
        if (found.Count == 0)
        {
            return;
        }

        var relatedIds = found.SelectMany(f => f.Matches.Select(m => m.ItemId)).Distinct().ToList();
        var caseOf = await db.Items.AsNoTracking().Where(i => relatedIds.Contains(i.Id) && i.CaseId != null)
            .Select(i => new { i.Id, i.CaseId }).ToDictionaryAsync(i => i.Id, i => i.CaseId!.Value, cancellationToken);
        var caseIds = caseOf.Values.Distinct().ToList();
        var openCases = (await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.State })
                .ToListAsync(cancellationToken))
            .Where(c => CaseWorkflow.IsOpen(c.State)).Select(c => c.Id).ToHashSet();
        int? OpenCaseOf(int itemId) => caseOf.TryGetValue(itemId, out var caseId) && openCases.Contains(caseId) ? caseId : null;

        var suggestions = found.SelectMany(f => f.Matches.Select(m => new ItemSuggestion(f.Item.Id, SuggestionStage.NearDuplicate,
            Math.Round(m.Match.Similarity, 4), ReasonsJson(m.Match), now, m.ItemId, OpenCaseOf(m.ItemId)))).ToList();
        await SuggestionRows.InsertNewAsync(db, writeGate, suggestions, cancellationToken);

        // The items are already on screens: their rows now have a suggestion to show (as the same-matter stage says too).
        await hub.PublishAsync(new ItemsChanged(found.Select(f => f.Item.Id).ToList(), Collected: false), cancellationToken);

        if (!options.AutoAttach)
        {
            return;
        }

        var sources = await AutoAttachSourcesAsync(db, found.Select(f => f.Item.SourceKey), cancellationToken);
        foreach (var (item, matches) in found.Where(f => sources.Contains(f.Item.SourceKey)))
        {
            var best = matches.FirstOrDefault(m => m.Match.Similarity >= options.AutoAttachMinSimilarity && OpenCaseOf(m.ItemId) is not null);
            if (best.Match is not null)
            {
                await AttachAsync(item.Id, OpenCaseOf(best.ItemId)!.Value, best.ItemId, best.Match, cancellationToken);
            }
        }
    }

    public void Follow(IReadOnlyList<OpinionItem> items)
    {
        foreach (var item in items)
        {
            service.Add(item.Id, TextFingerprint.Of(TextFingerprint.ItemText(item.Title, item.Content)));
        }
    }

    public static string ReasonsJson(NearDuplicateMatch match) =>
        JsonSerializer.Serialize(new[] { new { kind = "nearDuplicate", value = match.ScaledDistance.ToString(CultureInfo.InvariantCulture) } }, Json);

    /// <summary>The timeline's reason (stored text, like an item title on the timeline).</summary>
    public static string AttachReason(int relatedItemId, NearDuplicateMatch match) =>
        $"系统自动归并：与信息 #{relatedItemId} 近似重复（距离 {match.ScaledDistance}）";

    /// <summary>The source keys (api:{id}, feed:{id}) among <paramref name="keys"/> whose client or feed has auto-attach on.</summary>
    private static async Task<HashSet<string>> AutoAttachSourcesAsync(OpinionDbContext db, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var distinct = keys.Distinct().ToList();
        var clientIds = distinct.Select(ItemSources.ApiClientId).OfType<int>().ToList();
        var feedIds = distinct.Select(ItemSources.FeedId).OfType<int>().ToList();
        var on = new HashSet<string>();
        if (clientIds.Count > 0)
        {
            on.UnionWith((await db.ApiClients.AsNoTracking().Where(c => clientIds.Contains(c.Id) && c.AutoAttach).Select(c => c.Id)
                .ToListAsync(cancellationToken)).Select(ItemSources.Api));
        }

        if (feedIds.Count > 0)
        {
            on.UnionWith((await db.Feeds.AsNoTracking().Where(f => feedIds.Contains(f.Id) && f.AutoAttach).Select(f => f.Id)
                .ToListAsync(cancellationToken)).Select(ItemSources.Feed));
        }

        return on;
    }

    private async Task AttachAsync(int itemId, int caseId, int relatedItemId, NearDuplicateMatch match, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var @case = await db.Cases.Include(c => c.Timeline).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
            var item = await db.Items.FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken);
            if (@case is null || item is null || !@case.IsOpen)
            {
                return;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var reason = AttachReason(relatedItemId, match);
            @case.RecordItemAttachedBySystem(item, reason, now);
            item.AttachBySystem(@case.Id, now);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                UserName = Case.SystemActorName,
                Action = "AutoAttachItem",
                ObjectType = nameof(Case),
                ObjectId = caseId.ToString(CultureInfo.InvariantCulture),
                Outcome = AuditOutcome.Succeeded,
                Detail = JsonSerializer.Serialize(new { itemId, caseId, relatedItemId, distance = match.ScaledDistance, similarity = match.Similarity }, Json),
            });
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
        {
            // An officer claimed or triaged the item, or the case moved on meanwhile: the suggestion stays for them.
            logger.LogInformation("Item {Item} was not attached to case {Case} automatically: {Reason}", itemId, caseId, ex.Message);
        }
    }
}
