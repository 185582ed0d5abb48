using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Scoring;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Scoring;

/// <summary>
/// "What would the last 30 days' cases have scored": each case opened in the window scored with the policy in force and
/// with the draft, by the same scorer and engagement history an assessment uses, so what it shows is what a save gives.
/// Case numbers and scores only: an Admin sets up the desk and does not read cases.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class PreviewScoringPolicy
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public sealed record Query(SaveScoringPolicy.Command Draft) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(int CaseId, string Number, DateTime CreatedAt, int CurrentTotal, RiskLevel CurrentLevel, int DraftTotal,
        RiskLevel DraftLevel)
    {
        public bool Changed => CurrentTotal != DraftTotal || CurrentLevel != DraftLevel;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l) => RuleFor(q => q.Draft).SetValidator(new SaveScoringPolicy.Validator(l));
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ScoringPolicies policies, TimeProvider time)
        : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var draft = query.Draft.ToPolicy();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var current = await policies.CurrentAsync(db, cancellationToken);
            var since = time.GetUtcNow().UtcDateTime - Window;
            var cases = await db.Cases.AsNoTracking().Where(c => c.CreatedAt >= since && c.State != CaseState.Merged)
                .OrderByDescending(c => c.CreatedAt).Select(c => new { c.Id, c.Number, c.CreatedAt }).ToListAsync(cancellationToken);
            var caseIds = cases.Select(c => c.Id).ToList();
            var items = (await db.Items.AsNoTracking().Where(i => i.CaseId != null && caseIds.Contains(i.CaseId.Value)).ToListAsync(cancellationToken))
                .ToLookup(i => i.CaseId!.Value);
            var firstObserved = await CaseScoring.FirstObservedAsync(db, items.SelectMany(g => g).Select(i => i.Id).ToList(), cancellationToken);
            return cases.Select(c =>
            {
                var ofCase = items[c.Id].ToList();
                var now = RiskScorer.Score(ofCase, current, firstObserved);
                var then = RiskScorer.Score(ofCase, draft, firstObserved);
                return new Row(c.Id, c.Number, c.CreatedAt, now.Total, now.SuggestedLevel, then.Total, then.SuggestedLevel);
            }).ToList();
        }
    }
}
