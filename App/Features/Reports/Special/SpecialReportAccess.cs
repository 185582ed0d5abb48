using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Reports.Special;

/// <summary>A 专报 is seen by whoever sees its case: the same unit scope as the case (no report of another unit by id).</summary>
public static class SpecialReportAccess
{
    public static IQueryable<SpecialReport> VisibleTo(this IQueryable<SpecialReport> reports, OpinionDbContext db, Actor actor)
    {
        var cases = db.Cases.VisibleTo(actor).Select(c => c.Id);
        return actor.SpansAllUnits ? reports : reports.Where(r => cases.Contains(r.CaseId));
    }

    public static async Task<SpecialReport> RequireSpecialReportAsync(this OpinionDbContext db, Actor actor, int id, CancellationToken cancellationToken) =>
        await db.SpecialReports.VisibleTo(db, actor).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw new NotFoundException($"Special report {id} is not visible to {actor.UserId}.");
}
