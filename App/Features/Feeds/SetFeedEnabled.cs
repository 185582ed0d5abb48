using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>The enable switch on the feeds table: a disabled feed keeps its history and is not polled.</summary>
[RequiresPermission(Permission.Administer)]
public static class SetFeedEnabled
{
    public sealed record Command(int FeedId, bool Enabled) : ICommand;

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == command.FeedId, cancellationToken)
                       ?? throw new NotFoundException($"Feed {command.FeedId} does not exist.");
            if (command.Enabled && !feed.Enabled)
            {
                feed.NextPollAt = clock.GetUtcNow().UtcDateTime;
            }

            feed.Enabled = command.Enabled;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
