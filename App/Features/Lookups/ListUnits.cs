using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Units;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Lookups;

/// <summary>The town's units, for pickers and filters.</summary>
[RequiresPermission(Permission.UseDesk)]
public static class ListUnits
{
    public sealed record Query : IQuery<IReadOnlyList<UnitOption>>;

    /// <summary>A unit for a picker; <c>IsActive</c> is false for a deactivated unit (named on old records, not offered for new ones).</summary>
    public sealed record UnitOption(int Id, string Code, string Name, UnitKind Kind, UnitAgency Agency = UnitAgency.None, bool IsActive = true);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, IReadOnlyList<UnitOption>>
    {
        public async ValueTask<IReadOnlyList<UnitOption>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Units.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.Id)
                .Select(u => new UnitOption(u.Id, u.Code, u.Name, u.Kind, u.Agency, u.DeactivatedAt == null)).ToListAsync(cancellationToken);
        }
    }
}
