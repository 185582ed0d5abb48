using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// First, simple write path: one transaction per call, idempotent on (source, external id), acknowledged after
/// commit. To be replaced by the single batching writer of issue 4.
/// </summary>
public sealed class DirectItemIntake(
    IDbContextFactory<OpinionDbContext> dbFactory,
    TimeProvider clock,
    IEnumerable<IItemsIngestedHandler> handlers) : IItemIntake
{
    public async Task<IReadOnlyList<IntakeResult>> SubmitAsync(IReadOnlyList<ItemSubmission> items, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new IntakeResult[items.Count];
        var created = new List<(int Index, OpinionItem Item)>();
        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < items.Count; i++)
        {
            var s = items[i];
            if (s.ExternalId is { } externalId)
            {
                if (seen.TryGetValue((s.SourceKey, externalId), out var earlier))
                {
                    results[i] = new IntakeResult(-1 - earlier, false);
                    continue;
                }

                var existing = await db.Items.Where(x => x.SourceKey == s.SourceKey && x.ExternalId == externalId)
                    .Select(x => (int?)x.Id).FirstOrDefaultAsync(cancellationToken);
                if (existing is { } id)
                {
                    results[i] = new IntakeResult(id, false);
                    continue;
                }

                seen[(s.SourceKey, externalId)] = i;
            }

            var item = ItemFactory.Create(s, now);
            db.Items.Add(item);
            created.Add((i, item));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (index, item) in created)
        {
            results[index] = new IntakeResult(item.Id, true);
        }

        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].ItemId < 0)
            {
                results[i] = new IntakeResult(results[-1 - results[i].ItemId].ItemId, false);
            }
        }

        var stored = created.Select(c => c.Item).ToList();
        foreach (var handler in handlers)
        {
            await handler.OnIngestedAsync(stored, cancellationToken);
        }

        return results;
    }
}
