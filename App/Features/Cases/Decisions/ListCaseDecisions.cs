using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Decisions;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Cases.Decisions;

/// <summary>
/// The case page's 事前评估: the 重大决策舆情风险评估 this case is linked to, and — for those who record assessments — the
/// approved ones (within the user's scope) it could be linked to.
/// </summary>
[RequiresPermission(Permission.ViewDecisions)]
public static class ListCaseDecisions
{
    public sealed record Query(int CaseId) : IQuery<Result>, ICaseRequest;

    public sealed record Entry(int Id, string Title, string UnitName, RiskLevel RiskLevel, DecisionState State);

    public sealed record Result(IReadOnlyList<Entry> Linked, IReadOnlyList<Entry> Linkable, bool MayLink);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var visible = db.DecisionAssessments.AsNoTracking().VisibleTo(actor);
            var linked = await Entries(db, visible.Where(d => d.CaseLinks.Any(l => l.CaseId == query.CaseId)), cancellationToken);
            var mayLink = actor.HasAny(RequiresPermissionAttribute.RolesFor(Permission.RecordDecisions));
            var linkable = mayLink
                ? await Entries(db, visible.Where(d => (d.State == DecisionState.Approved || d.State == DecisionState.Implemented)
                                                       && !d.CaseLinks.Any(l => l.CaseId == query.CaseId)), cancellationToken)
                : [];
            return new Result(linked, linkable, mayLink);
        }

        private static async Task<IReadOnlyList<Entry>> Entries(OpinionDbContext db, IQueryable<DecisionAssessment> assessments, CancellationToken cancellationToken) =>
            await assessments.OrderByDescending(d => d.PlannedOn).ThenByDescending(d => d.Id).Take(100)
                .Select(d => new Entry(d.Id, d.Title, db.Units.Where(u => u.Id == d.UnitId).Select(u => u.Name).First(), d.RiskLevel, d.State))
                .ToListAsync(cancellationToken);
    }
}
