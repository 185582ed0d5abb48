using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Reports.Special;

/// <summary>The 专报 this user may see, newest first; <see cref="Query.CaseId"/> narrows to one case.</summary>
[RequiresPermission(Permission.ViewReports)]
public static class ListSpecialReports
{
    public sealed record Query(int? CaseId = null) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(int Id, int CaseId, string CaseNumber, string Title, string? Number, string DraftedByName, DateTime DraftedAt,
        string? SignedByName, DateTime? SignedAt);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var reports = db.SpecialReports.AsNoTracking().VisibleTo(db, actor);
            if (query.CaseId is { } caseId)
            {
                reports = reports.Where(r => r.CaseId == caseId);
            }

            var rows = await reports.OrderByDescending(r => r.Id).Take(500)
                .Select(r => new
                {
                    Report = r,
                    CaseNumber = db.Cases.Where(c => c.Id == r.CaseId).Select(c => c.Number).First(),
                })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Row(r.Report.Id, r.Report.CaseId, r.CaseNumber, r.Report.Title, r.Report.Number, r.Report.DraftedByName,
                r.Report.DraftedAt, r.Report.SignedByName, r.Report.SignedAt)).ToList();
        }
    }
}
