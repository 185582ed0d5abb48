using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>Writing the intake stages' suggestions.</summary>
internal static class SuggestionRows
{
    /// <summary>
    /// Inserts the suggestions their items do not have yet (same stage, same related item), on the writer's turn. An item
    /// handed to the stages again — after a crash, the stages' saved position can be up to 10 s behind — gets no second
    /// copy.
    /// </summary>
    public static async Task InsertNewAsync(OpinionDbContext db, IntakeWriteGate gate, IReadOnlyList<ItemSuggestion> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var itemIds = rows.Select(r => r.ItemId).Distinct().ToList();
        var existing = (await db.ItemSuggestions.AsNoTracking().Where(s => itemIds.Contains(s.ItemId))
                .Select(s => new { s.ItemId, s.Stage, s.RelatedItemId }).ToListAsync(cancellationToken))
            .Select(s => (s.ItemId, s.Stage, s.RelatedItemId)).ToHashSet();
        await gate.InsertAsync(db, rows.Where(r => !existing.Contains((r.ItemId, r.Stage, r.RelatedItemId))).ToList(), cancellationToken);
    }
}
