using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Similarity;

namespace OpinionResponse.App.Features.Triage;

/// <summary>
/// The near-duplicates of an item (the same text with edits: reposts, excerpts, added comments) and the open
/// cases they belong to, within the user's scope, closest first (DESIGN §2.4).
/// </summary>
[RequiresPermission(Permission.TriageItems)]
public static class FindRelated
{
    public sealed record Query(int ItemId) : IQuery<Result>, IItemRequest;

    /// <param name="Distance">On SimHash's 64-bit scale (0 = the same text once normalised).</param>
    /// <param name="CaseId">The open case it belongs to, when the user may see that case.</param>
    public sealed record RelatedItem(int Id, string Title, Channel Channel, int Distance, double Similarity, TriageStatus Status, int? CaseId);

    /// <param name="Distance">Of its closest near-duplicate of the item.</param>
    /// <param name="Items">How many of the item's near-duplicates it holds.</param>
    public sealed record RelatedCase(int Id, string Number, string Title, CaseState State, RiskLevel? Risk, int Distance, int Items);

    public sealed record Result(IReadOnlyList<RelatedItem> Items, IReadOnlyList<RelatedCase> Cases);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ItemId).GreaterThan(0);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, NearDuplicateService service)
        : IQueryHandler<Query, Result>
    {
        private const int MaxItems = 20;

        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var item = await db.Items.AsNoTracking().Where(i => i.Id == query.ItemId).Select(i => new { i.Title, i.Content })
                           .FirstOrDefaultAsync(cancellationToken)
                       ?? throw new NotFoundException($"Item {query.ItemId} not found.");
            var fingerprint = TextFingerprint.Of(TextFingerprint.ItemText(item.Title, item.Content));
            var matches = (await service.FindAsync(db, fingerprint, query.ItemId, null, cancellationToken)).Take(MaxItems).ToList();
            if (matches.Count == 0)
            {
                return new Result([], []);
            }

            var ids = matches.Select(m => m.ItemId).ToList();
            // Only items in the user's scope: a near-duplicate in another unit's hands is not named, not even by its title.
            var rows = await db.Items.AsNoTracking().VisibleTo(db.Cases, actor).Where(i => ids.Contains(i.Id))
                .Select(i => new { i.Id, i.Title, i.Channel, i.Status, i.CaseId }).ToDictionaryAsync(i => i.Id, cancellationToken);
            var caseIds = rows.Values.Where(r => r.CaseId != null).Select(r => r.CaseId!.Value).Distinct().ToList();
            var open = CaseWorkflow.OpenStates.ToList();
            var cases = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => caseIds.Contains(c.Id) && open.Contains(c.State))
                .Select(c => new { c.Id, c.Number, c.Title, c.State, c.RiskLevel }).ToDictionaryAsync(c => c.Id, cancellationToken);

            var related = matches.Where(m => rows.ContainsKey(m.ItemId)).Select(m =>
            {
                var row = rows[m.ItemId];
                var caseId = row.CaseId is { } c && cases.ContainsKey(c) ? c : (int?)null;
                return new RelatedItem(row.Id, row.Title, row.Channel, m.Match.ScaledDistance, m.Match.Similarity, row.Status, caseId);
            }).ToList();
            var relatedCases = related.Where(r => r.CaseId is not null).GroupBy(r => r.CaseId!.Value)
                .Select(g => (Case: cases[g.Key], Distance: g.Min(r => r.Distance), Count: g.Count()))
                .OrderBy(c => c.Distance).ThenByDescending(c => c.Count)
                .Select(c => new RelatedCase(c.Case.Id, c.Case.Number, c.Case.Title, c.Case.State, c.Case.RiskLevel, c.Distance, c.Count))
                .ToList();
            return new Result(related, relatedCases);
        }
    }
}
