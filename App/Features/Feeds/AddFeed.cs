using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Feeds;

namespace OpinionResponse.App.Features.Feeds;

/// <summary>An Admin adds a portal's or forum's RSS/Atom feed; it is polled from now on.</summary>
[RequiresPermission(Permission.Administer)]
public static class AddFeed
{
    public sealed record Command : ICommand<int>, IFeedFields
    {
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
            FeedRules.Apply(this, l, dbFactory, options.Value, _ => null);
        }
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var feed = new Feed(command.Name.Trim(), command.Url.Trim(), command.Channel, command.UnitId, command.IntervalMinutes,
                actor.DisplayName, clock.GetUtcNow().UtcDateTime)
            {
                Enabled = command.Enabled,
                AutoAttach = command.AutoAttach,
            };
            db.Feeds.Add(feed);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await using var check = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                if (!await check.Feeds.AnyAsync(f => f.Url == feed.Url && f.Id != feed.Id, CancellationToken.None))
                {
                    throw;
                }

                // Added by someone else between validation and save.
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Url), l["Feeds.UrlTaken"])]);
            }

            return feed.Id;
        }
    }
}
