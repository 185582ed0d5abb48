using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Reports.Performance;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Reports;

namespace OpinionResponse.App.Features.Reports.DailyLogs;

/// <summary>The log of a Beijing day (null when not yet compiled), who may sign it off, and its document.</summary>
[RequiresPermission(Permission.ViewReports)]
public static class GetDailyLog
{
    public sealed record Query(DateOnly Day) : IQuery<View>;

    public sealed record View(DateOnly Day, DailyLog? Log, DailyFigures? Figures, IReadOnlyList<string> Leaders, bool MayKeep, bool MaySign,
        ReportDocument? Document);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, IStringLocalizer<SharedResource> l)
        : IQueryHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.RequireActorAsync()).RequireTownWide();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var log = await db.DailyLogs.AsNoTracking().SingleOrDefaultAsync(x => x.Day == query.Day, cancellationToken);
            var leaders = await SignDailyLog.LeadersAsync(db, query.Day, cancellationToken);
            var figures = log is null ? null : DailyFigures.FromJson(log.Figures);
            var open = log is not { IsSigned: true };
            return new View(query.Day, log, figures, leaders.Select(x => x.Name).ToList(),
                open && actor.HasAny(RequiresPermissionAttribute.RolesFor(Permission.KeepDailyLog)),
                log is { IsSigned: false } && leaders.Any(x => x.Id == actor.UserId) && actor.HasAny(RequiresPermissionAttribute.RolesFor(Permission.SignDailyLog)),
                log is null ? null : Document(log, figures!, l));
        }
    }

    public static ReportDocument Document(DailyLog log, DailyFigures f, IStringLocalizer l)
    {
        var day = ReportText.Day(log.Day);
        return new ReportDocument(
            string.Format(l["DailyLog.FileName"], log.Day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)),
            l["DailyLog.Issuer"],
            string.Format(l["DailyLog.DocTitle"], day),
            null,
            log.SignedByName is { } signer ? string.Format(l["DailyLog.Signer"], signer, log.SignedAt.Beijing16()) : l["DailyLog.NotSigned"],
            string.Format(l["DailyLog.CompiledBy"], log.CompiledByName, log.CompiledAt.Beijing16()),
            [
                new ReportSection(l["DailyLog.Section.Summary"], string.IsNullOrWhiteSpace(log.Summary) ? l["DailyLog.NoSummary"] : log.Summary),
                new ReportSection(l["DailyLog.Section.Items"], [string.Format(l["DailyLog.ItemsLine"], f.Items)],
                    [new ReportTable(l["Bulletin.Table.Channels"], [l["Reports.Col.Channel"], l["Reports.Col.Count"]],
                        f.ItemsByChannel.OrderByDescending(c => c.Value).Select(c => (IReadOnlyList<object?>)[l.Of(c.Key), c.Value]).ToList())]),
                new ReportSection(l["DailyLog.Section.NewCases"], f.NewCases.Count == 0 ? [l["DailyLog.None"]] : [],
                    f.NewCases.Count == 0 ? [] :
                    [new ReportTable(l["DailyLog.Table.NewCases"], [l["Reports.Col.Case"], l["Reports.Col.Title"], l["Reports.Col.Unit"], l["Reports.Col.Level"], l["Reports.Col.Person"]],
                        f.NewCases.Select(c => (IReadOnlyList<object?>)[c.Number, c.Title, c.Unit, l.Risk(c.Level), c.Owner]).ToList())]),
                new ReportSection(l["DailyLog.Section.Changes"], f.StateChanges.Count == 0 ? [l["DailyLog.None"]] : [],
                    f.StateChanges.Count == 0 ? [] :
                    [new ReportTable(l["DailyLog.Table.Changes"], [l["Reports.Col.Time"], l["Reports.Col.Case"], l["Reports.Col.From"], l["Reports.Col.To"], l["Reports.Col.Person"]],
                        f.StateChanges.Select(c => (IReadOnlyList<object?>)[c.At.Beijing16(), $"{c.Number} {c.Title}", l.Of(c.From), l.Of(c.To), c.By]).ToList())]),
                new ReportSection(l["DailyLog.Section.Clocks"], [string.Format(l["DailyLog.TriageLine"], f.TriageDue, f.TriageLate)],
                    f.ClocksDue.Count == 0 ? [] :
                    [new ReportTable(l["DailyLog.Table.Clocks"], [l["Reports.Col.DueAt"], l["Reports.Col.Case"], l["Reports.Col.Clock"], l["Reports.Col.ClockState"]],
                        f.ClocksDue.Select(c => (IReadOnlyList<object?>)[c.DueAt.Beijing16(), $"{c.Number} {c.Title}", l[$"Clock.{c.Clock}"].Value, l[$"ClockState.{c.State}"].Value]).ToList())]),
            ]);
    }
}
