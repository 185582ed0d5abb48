using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Reports;

namespace OpinionResponse.App.Features.Reports.Special;

/// <summary>A 专报 with its case and what this user may do with it, and the document every output renders.</summary>
[RequiresPermission(Permission.ViewReports)]
public static class GetSpecialReport
{
    public sealed record Query(int ReportId) : IQuery<View>;

    public sealed record View(SpecialReport Report, string CaseNumber, string UnitName, bool MayEdit, bool MaySign, ReportDocument Document);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, IStringLocalizer<SharedResource> l)
        : IQueryHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var report = await db.SpecialReports.AsNoTracking().VisibleTo(db, actor).SingleOrDefaultAsync(r => r.Id == query.ReportId, cancellationToken)
                         ?? throw new NotFoundException($"Special report {query.ReportId} is not visible to {actor.UserId}.");
            var caseNumber = await db.Cases.Where(c => c.Id == report.CaseId).Select(c => c.Number).SingleAsync(cancellationToken);
            var unitName = await db.Units.Where(u => u.Id == report.UnitId).Select(u => u.Name).SingleAsync(cancellationToken);
            var draft = !report.IsSigned;
            return new View(report, caseNumber, unitName,
                draft && actor.HasAny(RequiresPermissionAttribute.RolesFor(Permission.DraftSpecialReports)),
                draft && actor.HasAny(RequiresPermissionAttribute.RolesFor(Permission.SignSpecialReports)) && actor.UserId != report.DraftedById,
                Document(report, l));
        }
    }

    /// <summary>The 公文: 红头, 编号 and 签发人, the title, the four sections.</summary>
    public static ReportDocument Document(SpecialReport report, IStringLocalizer l) => new(
        report.Number ?? string.Format(l["Special.FileDraft"], report.Id),
        l["Special.Issuer"],
        report.Title,
        report.Number ?? l["Special.Unnumbered"],
        report.SignedByName is { } signer ? string.Format(l["Special.Signer"], signer) : null,
        report.SignedAt is { } signedAt ? signedAt.ToBeijing().ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture) : l["Special.NotSigned"],
        [
            new ReportSection(l["Special.Section.Basic"], report.BasicFacts),
            new ReportSection(l["Special.Section.Assessment"], report.Assessment),
            new ReportSection(l["Special.Section.Disposal"], report.Disposal),
            new ReportSection(l["Special.Section.Next"], report.NextSteps),
        ]);
}
