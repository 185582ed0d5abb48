using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>
/// An Admin removes a feed. Its items stay (they may be in cases); their source key keeps the feed's id, which SQLite
/// never hands out again, so a later feed cannot be mistaken for it.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class RemoveFeed
{
    public sealed record Command(int FeedId) : ICommand;

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == command.FeedId, cancellationToken)
                       ?? throw new NotFoundException($"Feed {command.FeedId} does not exist.");
            db.Feeds.Remove(feed);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
