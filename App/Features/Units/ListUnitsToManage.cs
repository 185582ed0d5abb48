using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Units;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Units;

/// <summary>Every unit, deactivated ones too, with how many active accounts belong to it (单位管理).</summary>
[RequiresPermission(Permission.Administer)]
public static class ListUnitsToManage
{
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Code, string Name, UnitKind Kind, bool IsOpinionOffice, bool IsActive, int ActiveMembers,
        UnitAgency Agency = UnitAgency.None);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Units.AsNoTracking().OrderBy(u => u.DeactivatedAt != null).ThenBy(u => u.Kind).ThenBy(u => u.Id)
                .Select(u => new Row(u.Id, u.Code, u.Name, u.Kind, u.IsOpinionOffice, u.DeactivatedAt == null,
                    db.UserUnits.Count(uu => uu.UnitId == u.Id && db.Users.Any(x => x.Id == uu.UserId && !x.IsDisabled)), u.Agency))
                .ToListAsync(cancellationToken);
        }
    }
}
