using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Reports;

namespace OpinionResponse.App.Features.Reports.Performance;

/// <summary>
/// 考核 (policy 三（三）): per unit or per person for a period of Beijing days (both included), from the timestamps already
/// kept — see <see cref="PerformanceLine"/> for what each figure counts. Sorted best first; a unit's leaders see their units only.
/// </summary>
[RequiresPermission(Permission.ViewPerformance)]
public static class GetPerformance
{
    public sealed record Query(DateOnly From, DateOnly To, PerformanceGrouping Grouping = PerformanceGrouping.Unit, int? UnitId = null)
        : IQuery<Result>;

    public sealed record Result(IReadOnlyList<PerformanceLine> Lines, PerformanceLine Total, IReadOnlyList<BreachLine> Breaches, ReportDocument Document);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).WithMessage(_ => l["Reports.PeriodOrder"]).WithName(_ => l["Reports.To"]);
            RuleFor(q => q.To).Must((q, to) => to.DayNumber - q.From.DayNumber <= 366).WithMessage(_ => l["Reports.PeriodTooLong"])
                .WithName(_ => l["Reports.To"]);
            RuleFor(q => q.Grouping).IsInEnum();
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ClockPolicies policies, TimeProvider clock,
        IStringLocalizer<SharedResource> l) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            var scope = new ReportScope(query.From.BeijingStart(), query.To.AddDays(1).BeijingStart(), PerformanceData.UnitsFor(actor, query.UnitId));
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var inputs = await PerformanceData.LoadAsync(db, policies.History, scope, now, cancellationToken);
            var breachFacts = inputs.Breaches.Select(b => new BreachFact(b.UnitId, b.PersonName)).ToList();
            var lines = PerformanceCalculator.Compute(inputs.Cases, inputs.Items, breachFacts, query.Grouping, inputs.UnitNames, l["Reports.Nobody"], now);
            var total = PerformanceCalculator.Total(l["Reports.Total"], inputs.Cases, inputs.Items, inputs.Breaches.Count, now);
            var period = ReportText.Period(query.From, query.To);
            var scopeName = ReportText.ScopeName(scope.Units, inputs.UnitNames, l);
            var document = new ReportDocument(
                string.Format(l["Performance.FileName"], query.From.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
                    query.To.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)),
                l["Performance.Issuer"],
                string.Format(l["Performance.DocTitle"], scopeName),
                null,
                null,
                period,
                [
                    new ReportSection(l["Performance.Section.Lines"], [l["Performance.Definitions"]],
                        [ReportTables.Lines(l[query.Grouping == PerformanceGrouping.Unit ? "Performance.Table.Units" : "Performance.Table.People"],
                            lines.Append(total), query.Grouping, l)]),
                    new ReportSection(l["Performance.Section.Breaches"],
                        inputs.Breaches.Count == 0 ? [l["Reports.NoBreaches"]] : [],
                        inputs.Breaches.Count == 0 ? [] : [ReportTables.Breaches(inputs.Breaches, l)]),
                ]);
            return new Result(lines, total, inputs.Breaches, document);
        }
    }
}
