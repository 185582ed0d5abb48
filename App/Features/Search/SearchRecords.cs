using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Search;

namespace OpinionResponse.App.Features.Search;

/// <summary>
/// One box for the whole record: the cases and the items that contain every word typed (any length, names and numbers
/// included), newest first, narrowed by channel, unit, state, level and period, within the reader's unit scope. The index
/// gives candidate ids; the scope and the filters are applied to them here with the lists' own rules
/// (<see cref="CaseVisibility"/>), so a hit outside the scope is never even counted.
/// </summary>
[RequiresPermission(Permission.ViewCases)]
public static class SearchRecords
{
    /// <summary>Hits shown per kind.</summary>
    public const int PageSize = 20;

    /// <summary>Candidates read from the index per kind before giving up on filling a page (the filters left too few).</summary>
    public const int MaxCandidates = 20_000;

    public sealed record Query : IQuery<Result>
    {
        public string? Text { get; init; }

        public Channel? Channel { get; init; }

        public int? UnitId { get; init; }

        public CaseState? State { get; init; }

        public RiskLevel? Level { get; init; }

        /// <summary>First day of the period (Beijing date), inclusive.</summary>
        public DateOnly? From { get; init; }

        /// <summary>Last day of the period (Beijing date), inclusive.</summary>
        public DateOnly? To { get; init; }
    }

    public sealed record CaseHit(int Id, string Number, IReadOnlyList<Marked> Title, IReadOnlyList<Marked> Snippet, CaseState State,
        RiskLevel? Level, string UnitName, DateTime CreatedAt);

    public sealed record ItemHit(int Id, Channel Channel, IReadOnlyList<Marked> Title, IReadOnlyList<Marked> Snippet, DateTime CollectedAt,
        int? CaseId, string? SourceName, DateTime? PublishedAt = null, string? Platform = null);

    /// <param name="Terms">The words searched for, as read from the box (empty: nothing searchable was typed).</param>
    /// <param name="MoreCases">More cases match than are shown.</param>
    public sealed record Result(IReadOnlyList<string> Terms, IReadOnlyList<CaseHit> Cases, bool MoreCases, IReadOnlyList<ItemHit> Items,
        bool MoreItems)
    {
        public static Result Empty { get; } = new([], [], false, [], false);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ISearchIndex index, SearchRateLimit rateLimit,
        IStringLocalizer<SharedResource> l) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var terms = SearchText.Terms(query.Text);
            if (terms.Count == 0)
            {
                return Result.Empty;
            }

            if (!rateLimit.TryTake(actor.UserId))
            {
                throw new ValidationException([new ValidationFailure(nameof(Query.Text), l["Search.TooFast"])]);
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var (from, to) = Period(query);

            var cases = db.Cases.AsNoTracking().VisibleTo(actor);
            if (query.UnitId is { } unitId)
            {
                cases = cases.Where(c => c.ResponsibleUnitId == unitId);
            }

            if (query.State is { } state)
            {
                cases = cases.Where(c => c.State == state);
            }

            if (query.Level is { } level)
            {
                cases = cases.Where(c => c.RiskLevel == level);
            }

            if (query.Channel is { } caseChannel)
            {
                cases = cases.Where(c => db.Items.Any(i => i.CaseId == c.Id && i.Channel == caseChannel));
            }

            if (from is { } caseFrom)
            {
                cases = cases.Where(c => c.CreatedAt >= caseFrom);
            }

            if (to is { } caseTo)
            {
                cases = cases.Where(c => c.CreatedAt < caseTo);
            }

            var items = db.Items.AsNoTracking().VisibleTo(db.Cases, actor);
            if (query.Channel is { } channel)
            {
                items = items.Where(i => i.Channel == channel);
            }

            if (query.UnitId is { } itemUnit)
            {
                items = items.Where(i => i.SuggestedUnitId == itemUnit || db.Cases.Any(c => c.Id == i.CaseId && c.ResponsibleUnitId == itemUnit));
            }

            if (query.State is { } itemState)
            {
                items = items.Where(i => db.Cases.Any(c => c.Id == i.CaseId && c.State == itemState));
            }

            if (query.Level is { } itemLevel)
            {
                items = items.Where(i => db.Cases.Any(c => c.Id == i.CaseId && c.RiskLevel == itemLevel));
            }

            if (from is { } itemFrom)
            {
                items = items.Where(i => i.CollectedAt >= itemFrom);
            }

            if (to is { } itemTo)
            {
                items = items.Where(i => i.CollectedAt < itemTo);
            }

            var caseIds = await HitsAsync((before, n, ct) => index.FindCasesAsync(terms, before, n, ct),
                (ids, ct) => cases.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct), cancellationToken);
            var itemIds = await HitsAsync((before, n, ct) => index.FindItemsAsync(terms, before, n, ct),
                (ids, ct) => items.Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct), cancellationToken);

            return new Result(terms.Select(t => t.Text).ToList(),
                await CaseHitsAsync(db, caseIds.Take(PageSize).ToList(), terms, cancellationToken), caseIds.Count > PageSize,
                await ItemHitsAsync(db, itemIds.Take(PageSize).ToList(), terms, cancellationToken), itemIds.Count > PageSize);
        }

        /// <summary>
        /// The first <see cref="PageSize"/> + 1 candidates, newest first, that pass <paramref name="keep"/> (scope and filters):
        /// the index is read in pages until enough passed, it has no more, or <see cref="MaxCandidates"/> were looked at.
        /// </summary>
        private static async Task<List<int>> HitsAsync(Func<int?, int, CancellationToken, Task<IReadOnlyList<int>>> find,
            Func<List<int>, CancellationToken, Task<List<int>>> keep, CancellationToken cancellationToken)
        {
            var hits = new List<int>();
            int? before = null;
            var page = PageSize * 5;
            for (var seen = 0; hits.Count <= PageSize && seen < MaxCandidates;)
            {
                var candidates = await find(before, page, cancellationToken);
                if (candidates.Count == 0)
                {
                    break;
                }

                var kept = (await keep(candidates.ToList(), cancellationToken)).ToHashSet();
                hits.AddRange(candidates.Where(kept.Contains));
                seen += candidates.Count;
                before = candidates[^1];
                if (candidates.Count < page)
                {
                    break;
                }

                // Few passed: read further in larger steps.
                page = Math.Min(page * 4, 2_000);
            }

            return hits;
        }

        private async Task<List<CaseHit>> CaseHitsAsync(OpinionDbContext db, List<int> ids, IReadOnlyList<SearchTerm> terms, CancellationToken cancellationToken)
        {
            if (ids.Count == 0)
            {
                return [];
            }

            var rows = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.Number, c.Title, c.State, c.RiskLevel, c.CreatedAt, c.Summary,
                    Unit = db.Units.Where(u => u.Id == c.ResponsibleUnitId).Select(u => u.Name).First() })
                .ToDictionaryAsync(c => c.Id, cancellationToken);
            var texts = await index.CaseTextsAsync(ids, cancellationToken);
            return ids.Where(rows.ContainsKey).Select(id =>
            {
                var c = rows[id];
                // The snippet shows where the words are: the summary, else whatever part of the case holds them.
                var text = Highlighter.Find(c.Summary, terms).Count > 0 || !texts.TryGetValue(id, out var all) ? c.Summary : WithoutTitle(all, c.Number, c.Title);
                return new CaseHit(c.Id, c.Number, Highlighter.Mark(c.Title, terms), Highlighter.Snippet(text, terms, 160), c.State, c.RiskLevel, c.Unit,
                    c.CreatedAt);
            }).ToList();
        }

        private static async Task<List<ItemHit>> ItemHitsAsync(OpinionDbContext db, List<int> ids, IReadOnlyList<SearchTerm> terms, CancellationToken cancellationToken)
        {
            if (ids.Count == 0)
            {
                return [];
            }

            var rows = await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id))
                .Select(i => new { i.Id, i.Channel, i.Title, i.Content, i.Author, i.SourceName, i.Location, i.CollectedAt, i.CaseId, i.PublishedAt, i.Platform })
                .ToDictionaryAsync(i => i.Id, cancellationToken);
            return ids.Where(rows.ContainsKey).Select(id =>
            {
                var i = rows[id];
                var text = string.Join(" · ", new[] { i.Content, i.Author, i.Location }.Where(s => !string.IsNullOrWhiteSpace(s)));
                return new ItemHit(i.Id, i.Channel, Highlighter.Mark(i.Title, terms), Highlighter.Snippet(text, terms, 160), i.CollectedAt, i.CaseId,
                    i.SourceName, i.PublishedAt, i.Platform);
            }).ToList();
        }

        /// <summary>A case's indexed text without the number and title it starts with (they are shown apart).</summary>
        private static string WithoutTitle(string text, string number, string title)
        {
            var head = $"{number}\n{title}\n";
            var body = text.StartsWith(head, StringComparison.Ordinal) ? text[head.Length..] : text;
            return string.Join(" · ", body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        /// <summary>The period's bounds in UTC: from the start of the first Beijing day to the end of the last.</summary>
        private static (DateTime? From, DateTime? To) Period(Query query) =>
            (query.From?.ToDateTime(TimeOnly.MinValue).FromBeijing(), query.To?.AddDays(1).ToDateTime(TimeOnly.MinValue).FromBeijing());
    }
}
