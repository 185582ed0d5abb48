using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Notifications;

/// <summary>How many of the signed-in user's own notifications are unread: the bell's badge, re-asked on every change.</summary>
[RequiresPermission(Permission.UseDesk)]
public static class CountUnreadNotifications
{
    public sealed record Query : IQuery<int>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null, cancellationToken);
        }
    }
}
