using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Notifications;

/// <summary>Marks one of the signed-in user's own notifications read; someone else's is "not found" (no leak by id).</summary>
[RequiresPermission(Permission.UseDesk)]
public static class MarkNotificationRead
{
    public sealed record Command(long NotificationId) : ICommand;

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, ILiveEventHub hub)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == command.NotificationId && n.UserId == actor.UserId,
                                   cancellationToken)
                               ?? throw new NotFoundException($"Notification {command.NotificationId} not found.");
            if (notification.ReadAt is null)
            {
                notification.ReadAt = clock.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken);
                await hub.PublishNotificationsAsync([actor.UserId]);
            }

            return Unit.Value;
        }
    }
}
