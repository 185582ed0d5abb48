using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Triage;

/// <summary>The duty officer's queue: items not yet triaged, newest first (不漏报、不迟报).</summary>
[RequiresPermission(Permission.TriageItems)]
public static class ListTriageQueue
{
    /// <summary>
    /// How much of an item's text a row carries: the row shows two lines of it, and a circuit holds a page of rows for as long
    /// as it lives (items from feeds run to 20,000 characters). Longer text ends in "…"; the case keeps the whole item.
    /// </summary>
    public const int ExcerptLength = 300;

    public sealed record Query(string? Search = null, Channel? Channel = null, int Page = 0, int PageSize = 50) : IQuery<Result>;

    /// <param name="Content">The item's text up to <see cref="ExcerptLength"/> characters, then "…".</param>
    public sealed record Row(int Id, Channel Channel, string Title, string Content, string? SourceName, string? Author, string? Contact,
        string? Url, string? Location, DateTime CollectedAt, DateTime? PublishedAt, string CollectedBy, long Engagement,
        string? MediaPickup, TriageStatus Status, string? ClaimedById, string? ClaimedByName, int? SuggestedUnitId, string? Platform = null)
    {
        /// <summary>The strongest "可能是同一事件" link found at intake, if any.</summary>
        public Suggestion? Suggestion { get; init; }
    }

    /// <summary>A link to an earlier item or an open case; reasons as stored (<see cref="ItemSuggestion.ReasonsJson"/>).</summary>
    public sealed record Suggestion(SuggestionStage Stage, double Score, string ReasonsJson, int? RelatedItemId, string? RelatedItemTitle,
        int? CaseId, string? CaseNumber, string? CaseTitle);

    public sealed record Result(IReadOnlyList<Row> Items, int Total);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, TimeProvider clock, ICurrentUser currentUser, TriageQueueCache cache,
        TriageRowPool pool, ClockPolicies policies) : IQueryHandler<Query, Result>
    {
        /// <summary>Every officer's page re-queries on each change: equal queries of users who see the same cases share one run.</summary>
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var key = new TriageQueueCache.Key(string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(), query.Channel, query.Page,
                query.PageSize, TriageQueueCache.VisibilityOf(actor));
            // Not the caller's token: a page closing must not fail the query others await.
            return await cache.GetAsync(key, () => QueryAsync(query, actor, CancellationToken.None));
        }

        private async Task<Result> QueryAsync(Query query, Actor actor, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var items = db.Items.AsNoTracking().VisibleTo(db.Cases, actor)
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
                .Select(i => new Row(i.Id, i.Channel, i.Title,
                    i.Content.Length > ExcerptLength ? i.Content.Substring(0, ExcerptLength) + "…" : i.Content, i.SourceName, i.Author, i.Contact, i.Url, i.Location,
                    i.CollectedAt, i.PublishedAt, i.CollectedBy, i.Views / 100 + i.Shares + i.Comments + i.Likes / 10, i.MediaPickup,
                    i.Status, i.ClaimExpiresAt > now ? i.ClaimedBy : null, i.ClaimExpiresAt > now ? i.ClaimedByName : null, i.SuggestedUnitId, i.Platform))
                .ToListAsync(cancellationToken);
            // Rows equal to those of an earlier query are the same objects (TriageRowPool): pooled here, once per query, not
            // by each of the pages that share this result.
            // Equal queries of different users share this result (the cache), and the queue does not show contacts: masked
            // for all, whoever asked first (ContactPrivacy).
            rows = rows.Select(r => r with { Contact = ContactPrivacy.Mask(r.Contact) }).ToList();
            // A case closed within the rebound window is still offered: an item about it is 舆情反弹, attached and alerted.
            var reboundSince = now - policies.History.Versions.Max(v => v.ReboundWindow);
            return pool.Share(new Result(await WithSuggestionsAsync(db, actor, rows, reboundSince, cancellationToken), total));
        }
    
        /// <summary>
        /// The best suggestion per row, one query for the page. A link to an open case comes before a link to a bare
        /// item; cases that closed or were merged since, or that the user may not see, are not offered.
        /// </summary>
        private static async Task<IReadOnlyList<Row>> WithSuggestionsAsync(OpinionDbContext db, Actor actor, List<Row> rows, DateTime reboundSince,
            CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return rows;
            }

            var ids = rows.Select(r => r.Id).ToList();
            var open = CaseWorkflow.OpenStates.ToList();
            var found = await (
                    from s in db.ItemSuggestions.AsNoTracking()
                    where ids.Contains(s.ItemId)
                    join c in db.Cases.AsNoTracking().VisibleTo(actor) on s.CaseId equals c.Id into cases
                    from c in cases.DefaultIfEmpty()
                    join i in db.Items.AsNoTracking().VisibleTo(db.Cases, actor) on s.RelatedItemId equals i.Id into related
                    from i in related.DefaultIfEmpty()
                    where (s.CaseId == null && i != null) || (c != null && (open.Contains(c.State) || (c.State == CaseState.Closed && c.ClosedAt >= reboundSince)))
                    select new
                    {
                        s.ItemId,
                        Suggestion = new Suggestion(s.Stage, s.Score, s.ReasonsJson, s.RelatedItemId, i == null ? null : i.Title,
                            s.CaseId, c == null ? null : c.Number, c == null ? null : c.Title),
                    })
                .ToListAsync(cancellationToken);
            var best = found.GroupBy(f => f.ItemId).ToDictionary(
                g => g.Key,
                g => g.Select(f => f.Suggestion).OrderByDescending(x => x.CaseId is not null).ThenByDescending(x => x.Score).First());
            return rows.Select(r => best.TryGetValue(r.Id, out var suggestion) ? r with { Suggestion = suggestion } : r).ToList();
        }
    }
}
