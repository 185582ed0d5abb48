using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Feeds;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>An Admin changes a feed: name, URL, channel, unit, interval, enabled, auto-attach.</summary>
[RequiresPermission(Permission.Administer)]
public static class UpdateFeed
{
    public sealed record Command : ICommand, IFeedFields
    {
        public int FeedId { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Url { get; set; } = string.Empty;

        public Channel Channel { get; set; } = Channel.PortalSite;

        public int? UnitId { get; set; }

        public int IntervalMinutes { get; set; } = 15;

        public bool Enabled { get; set; } = true;

        public bool AutoAttach { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, IDbContextFactory<OpinionDbContext> dbFactory, IOptions<FeedOptions> options)
        {
            FeedRules.Apply(this, l, dbFactory, options.Value, c => c.FeedId);
        }
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, TimeProvider clock, IStringLocalizer<SharedResource> l) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == command.FeedId, cancellationToken)
                       ?? throw new NotFoundException($"Feed {command.FeedId} does not exist.");
            var now = clock.GetUtcNow().UtcDateTime;
            var url = command.Url.Trim();
            if (url != feed.Url)
            {
                // Another address: its validators and failures are not this one's, and it is read at once.
                feed.Url = url;
                feed.ETag = feed.LastModified = null;
                feed.ConsecutiveFailures = 0;
                feed.NextPollAt = now;
            }

            // Re-enabled, or edited after a permanent failure (the admin may have fixed what the far side serves): read at once.
            if ((command.Enabled && !feed.Enabled) || (feed.ConsecutiveFailures > 0 && FeedReasons.IsPermanent(feed.LastError)))
            {
                feed.NextPollAt = now;
            }

            if (command.IntervalMinutes != feed.IntervalMinutes && feed.ConsecutiveFailures == 0)
            {
                var sooner = now.AddMinutes(command.IntervalMinutes);
                feed.NextPollAt = sooner < feed.NextPollAt ? sooner : feed.NextPollAt;
            }

            feed.Name = command.Name.Trim();
            feed.Channel = command.Channel;
            feed.UnitId = command.UnitId;
            feed.IntervalMinutes = command.IntervalMinutes;
            feed.Enabled = command.Enabled;
            feed.AutoAttach = command.AutoAttach;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await using var check = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                if (!await check.Feeds.AnyAsync(f => f.Url == url && f.Id != feed.Id, CancellationToken.None))
                {
                    throw;
                }

                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Url), l["Feeds.UrlTaken"])]);
            }

            return Unit.Value;
        }
    }
}
