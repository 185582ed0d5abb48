using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Lookups;

/// <summary>Active colleagues, for the owner filter (and later @mentions).</summary>
[RequiresPermission(Permission.UseDesk)]
public static class ListColleagues
{
    public sealed record Query : IQuery<IReadOnlyList<Colleague>>;

    public sealed record Colleague(string Id, string DisplayName);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, IReadOnlyList<Colleague>>
    {
        public async ValueTask<IReadOnlyList<Colleague>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Users.AsNoTracking().Where(u => !u.IsDisabled).OrderBy(u => u.UserName)
                .Select(u => new Colleague(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        }
    }
}
