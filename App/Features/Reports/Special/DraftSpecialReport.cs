using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;
using OpinionResponse.App.Features.Reports.Performance;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Reports.Special;

/// <summary>
/// One click on a case: a 舆情专报 drafted from what the case records — 基本情况 from its summary and items, 研判意见 from
/// the assessment, 处置情况 from the plan, tasks and responses, 下步建议 from the plan's response approach — for the
/// analyst to edit. Returns the new report's id.
/// </summary>
[RequiresPermission(Permission.DraftSpecialReports)]
public static class DraftSpecialReport
{
    public sealed record Command(int CaseId) : ICommand<int>, ICaseRequest;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, AuditTrail audits,
        IStringLocalizer<SharedResource> l) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            var @case = await db.Cases.AsNoTracking().WithEverything().SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            var items = await db.Items.AsNoTracking().Where(i => i.CaseId == @case.Id).OrderBy(i => i.CollectedAt).ToListAsync(cancellationToken);
            var unitIds = @case.Tasks.Select(t => t.UnitId).Append(@case.ResponsibleUnitId).ToList();
            var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);

            var basic = string.Format(l["Special.Draft.Basic"], @case.CreatedAt.Beijing16(), units[@case.ResponsibleUnitId], @case.Number, items.Count,
                string.Join("、", items.Select(i => l.Of(i.Channel)).Distinct())) + "\n" + @case.Summary;
            var assessment = @case.Assessment is { } a
                ? string.Format(l["Special.Draft.Assessment"], l.Of(a.Level), ReportText.Clause(a.Nature), l.Of(a.Trend), ReportText.Clause(a.Risks),
                    a.ResponseNeeded ? l["Special.Draft.ResponseNeeded"] : l["Special.Draft.NoResponseNeeded"])
                : l["Special.Draft.NotAssessed"];
            var disposal = new List<string>();
            if (@case.CurrentPlan is { } plan && !string.IsNullOrWhiteSpace(plan.Measures))
            {
                disposal.Add(string.Format(l["Special.Draft.Plan"], ReportText.Clause(plan.Measures), ReportText.Clause(plan.OfflineActions)));
            }

            disposal.AddRange(@case.Tasks.Where(t => t.Feedback is not null)
                .Select(t => string.Format(l["Special.Draft.Task"], units[t.UnitId], t.Feedback)));
            disposal.AddRange(@case.Responses.Where(r => r.PublishedAt is not null)
                .Select(r => string.Format(l["Special.Draft.Response"], r.PublishedAt!.Value.Beijing16(), r.PublishedChannel, r.Text)));
            if (@case.EffectEvaluations.MaxBy(e => e.At) is { } effect)
            {
                disposal.Add(string.Format(l["Effect.ReportLine"], l.Of(effect.Outcome), effect.Note ?? effect.At.Beijing16()));
            }

            if (disposal.Count == 0)
            {
                disposal.Add(string.Format(l["Special.Draft.State"], l.Of(@case.State)));
            }

            var next = @case.CurrentPlan is { ResponseApproach.Length: > 0 } p
                ? string.Format(l["Special.Draft.Next"], ReportText.Clause(p.ResponseApproach))
                : l["Special.Draft.NextDefault"];

            var report = SpecialReport.Draft(@case.Id, @case.ResponsibleUnitId, actor, clock.GetUtcNow().UtcDateTime,
                string.Format(l["Special.Draft.Title"], @case.Title), basic, assessment, string.Join("\n", disposal), next);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.SpecialReports.Add(report);
            db.Audit?.Hold();
            await db.SaveChangesAsync(cancellationToken);
            db.Audit?.Describe(nameof(SpecialReport), report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return report.Id;
        }
    }
}
