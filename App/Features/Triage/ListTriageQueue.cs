using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Triage;

/// <summary>The duty officer's queue: items not yet triaged, newest first (不漏报、不迟报).</summary>
[RequiresPermission(Permission.TriageItems)]
public static class ListTriageQueue
{
    public sealed record Query(string? Search = null, Channel? Channel = null, int Page = 0, int PageSize = 50) : IQuery<Result>;

    public sealed record Row(int Id, Channel Channel, string Title, string Content, string? SourceName, string? Author, string? Contact,
        string? Url, string? Location, DateTime CollectedAt, DateTime? PublishedAt, string CollectedBy, long Engagement,
        string? MediaPickup, TriageStatus Status, string? ClaimedById, string? ClaimedByName, int? SuggestedUnitId);

    public sealed record Result(IReadOnlyList<Row> Items, int Total);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var items = db.Items.AsNoTracking()
                .Where(i => i.Status == TriageStatus.New || i.Status == TriageStatus.Claimed);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                items = items.Where(i => i.Title.Contains(term) || i.Content.Contains(term));
            }

            if (query.Channel is { } channel)
            {
                items = items.Where(i => i.Channel == channel);
            }

            var total = await items.CountAsync(cancellationToken);
            var rows = await items.OrderByDescending(i => i.CollectedAt).ThenByDescending(i => i.Id)
                .Skip(query.Page * query.PageSize).Take(query.PageSize)
                .Select(i => new Row(i.Id, i.Channel, i.Title, i.Content, i.SourceName, i.Author, i.Contact, i.Url, i.Location,
                    i.CollectedAt, i.PublishedAt, i.CollectedBy, i.Views / 100 + i.Shares + i.Comments + i.Likes / 10, i.MediaPickup,
                    i.Status, i.ClaimExpiresAt > now ? i.ClaimedBy : null, i.ClaimExpiresAt > now ? i.ClaimedByName : null, i.SuggestedUnitId))
                .ToListAsync(cancellationToken);
            return new Result(rows, total);
        }
    }
}
