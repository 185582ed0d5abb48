using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Grouping;

/// <summary>The gazetteer: the town's places and their other names, for the Admin page.</summary>
[RequiresPermission(Permission.Administer)]
public static class ListPlaces
{
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Name, PlaceKind Kind, string Aliases, int? UnitId, string? UnitName);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
            var places = await db.Places.AsNoTracking().ToListAsync(cancellationToken);
            return places.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new Row(p.Id, p.Name, p.Kind, p.Aliases, p.UnitId, p.UnitId is { } u ? units.GetValueOrDefault(u) : null))
                .ToList();
        }
    }
}
