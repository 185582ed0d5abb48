using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Triage;

/// <summary>How many items wait for triage (claimed ones included): the live count beside 舆情分拣 in the navigation.</summary>
[RequiresPermission(Permission.TriageItems)]
public static class CountTriageQueue
{
    public sealed record Query : IQuery<int>;

    /// <summary>Every officer's badge asks after each change: one count per change for all (<see cref="TriageQueueCache"/>).</summary>
    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, TriageQueueCache cache, ICurrentUser currentUser) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            return await cache.CountAsync(TriageQueueCache.VisibilityOf(actor), async () =>
            {
                // Not the caller's token: a page closing must not fail the count others await.
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                return await db.Items.VisibleTo(db.Cases, actor)
                    .CountAsync(i => i.Status == TriageStatus.New || i.Status == TriageStatus.Claimed, CancellationToken.None);
            });
        }
    }
}
