using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>"Poll now" on the feeds page: reads the feed at once and answers with what happened.</summary>
[RequiresPermission(Permission.Administer)]
public static class PollFeedNow
{
    public sealed record Command(int FeedId) : ICommand<FeedPollOutcome>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, FeedPoller poller, TimeProvider clock) : ICommandHandler<Command, FeedPollOutcome>
    {
        public async ValueTask<FeedPollOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                if (!await db.Feeds.AnyAsync(f => f.Id == command.FeedId, cancellationToken))
                {
                    throw new NotFoundException($"Feed {command.FeedId} does not exist.");
                }
            }

            return await poller.PollFeedAsync(command.FeedId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }
}
