using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Notifications;

/// <summary>全部标为已读: every unread notification of the signed-in user, and only theirs.</summary>
[RequiresPermission(Permission.UseDesk)]
public static class MarkAllNotificationsRead
{
    public sealed record Command : ICommand;

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, ILiveEventHub hub)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var unread = await db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null).ToListAsync(cancellationToken);
            if (unread.Count > 0)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                unread.ForEach(n => n.ReadAt = now);
                await db.SaveChangesAsync(cancellationToken);
                await hub.PublishNotificationsAsync([actor.UserId]);
            }

            return Unit.Value;
        }
    }
}
