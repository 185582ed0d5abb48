using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Intake;

/// <summary>The API clients: which key is which (its prefix), when it was last used, how many items it brought, whether it still works.</summary>
[RequiresPermission(Permission.Administer)]
public static class ListApiKeys
{
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(
        int Id, string Name, string Prefix, string CreatedBy, DateTime CreatedAt, DateTime? LastUsedAt, long ItemsTaken,
        DateTime? RevokedAt, string? RevokedBy, bool AutoAttach)
    {
        public bool IsActive => RevokedAt is null;
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.ApiClients.AsNoTracking()
                .Select(c => new Row(c.Id, c.Name, c.KeyPrefix, c.CreatedBy, c.CreatedAt, c.LastUsedAt, c.ItemsTaken, c.RevokedAt, c.RevokedBy, c.AutoAttach))
                .ToListAsync(cancellationToken);
            // Working keys first, then by name (SQLite cannot order by the DateTime conversion reliably).
            return rows.OrderBy(r => r.IsActive ? 0 : 1).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        }
    }
}
