using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Reports.Performance;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Reports;

namespace OpinionResponse.App.Features.Reports.Bulletins;

public enum BulletinPeriod
{
    Week,
    Month,
    Quarter,
}

/// <summary>
/// 定期通报 (policy 二（四）: 定期通报网络社情民意办理和处置情况): for the week (Monday to Sunday), month or quarter that holds
/// <see cref="Query.Day"/>, for the town or one unit: items by channel, cases by state and level, on-time rates per unit,
/// the breaches with their reasons and decisions, and the typical cases (the highest level first, then the most items).
/// </summary>
[RequiresPermission(Permission.ViewPerformance)]
public static class GetBulletin
{
    public const int TypicalCases = 3;

    public sealed record Query(BulletinPeriod Period, DateOnly Day, int? UnitId = null) : IQuery<Result>;

    public sealed record Result(DateOnly From, DateOnly To, int Items, int Cases, IReadOnlyDictionary<CaseState, IReadOnlyDictionary<string, int>> ByStateAndLevel,
        PerformanceLine Total, IReadOnlyList<PerformanceLine> Units, IReadOnlyList<BreachLine> Breaches, IReadOnlyList<string> Typical, ReportDocument Document);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Period).IsInEnum();
    }

    /// <summary>The first and last Beijing day of the period that holds <paramref name="day"/>.</summary>
    public static (DateOnly From, DateOnly To) Range(BulletinPeriod period, DateOnly day)
    {
        var from = period switch
        {
            BulletinPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            BulletinPeriod.Month => new DateOnly(day.Year, day.Month, 1),
            _ => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        };
        var to = period switch
        {
            BulletinPeriod.Week => from.AddDays(6),
            BulletinPeriod.Month => from.AddMonths(1).AddDays(-1),
            _ => from.AddMonths(3).AddDays(-1),
        };
        return (from, to);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ClockPolicies policies, TimeProvider clock,
        IStringLocalizer<SharedResource> l) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            var (from, to) = Range(query.Period, query.Day);
            var scope = new ReportScope(from.BeijingStart(), to.AddDays(1).BeijingStart(), PerformanceData.UnitsFor(actor, query.UnitId));
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var inputs = await PerformanceData.LoadAsync(db, policies.History, scope, now, cancellationToken);
            return Build(query, from, to, scope, inputs, now, l);
        }
    }

    public static Result Build(Query query, DateOnly from, DateOnly to, ReportScope scope, PerformanceInputs inputs, DateTime now, IStringLocalizer l)
    {
        var breachFacts = inputs.Breaches.Select(b => new BreachFact(b.UnitId, b.PersonName)).ToList();
        var units = PerformanceCalculator.Compute(inputs.Cases, inputs.Items, breachFacts, PerformanceGrouping.Unit, inputs.UnitNames, l["Reports.Nobody"], now);
        var total = PerformanceCalculator.Total(l["Reports.Total"], inputs.Cases, inputs.Items, inputs.Breaches.Count, now);
        var items = inputs.ItemsByChannel.Values.Sum();

        string LevelKey(RiskLevel? level) => level is { } r ? l.Of(r) : l["Risk.None"];
        var levels = Enum.GetValues<RiskLevel>().Select(r => (RiskLevel?)r).Append(null).Select(LevelKey).ToList();
        var byState = inputs.CaseHeads.Values.GroupBy(h => h.State).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(h => LevelKey(h.Level)).ToDictionary(x => x.Key, x => x.Count()));
        var typical = inputs.CaseHeads.Values
            .OrderByDescending(h => h.Level ?? 0).ThenByDescending(h => h.State == CaseState.Closed).ThenByDescending(h => h.Items).ThenBy(h => h.Number, StringComparer.Ordinal)
            .Take(TypicalCases)
            .Select(h => string.Format(l["Bulletin.Typical"], h.Number, h.Title, LevelKey(h.Level), l.Of(h.State), h.Items, h.Closing ?? l["Bulletin.NotClosed"]))
            .ToList();

        var periodName = l[$"Bulletin.Period.{query.Period}"];
        var scopeName = ReportText.ScopeName(scope.Units, inputs.UnitNames, l);
        var document = new ReportDocument(
            string.Format(l["Bulletin.FileName"], periodName, from.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)),
            l["Bulletin.Issuer"],
            string.Format(l["Bulletin.DocTitle"], scopeName, periodName),
            null,
            null,
            ReportText.Period(from, to),
            [
                new ReportSection(l["Bulletin.Section.Overview"],
                    [string.Format(l["Bulletin.Overview"], items, inputs.CaseHeads.Count, inputs.Breaches.Count, ReportTable.Percent(total.Triage),
                        ReportTable.Percent(total.Assessment), ReportTable.Percent(total.Response))],
                    [new ReportTable(l["Bulletin.Table.Channels"], [l["Reports.Col.Channel"], l["Reports.Col.Count"]],
                        inputs.ItemsByChannel.OrderByDescending(c => c.Value).Select(c => (IReadOnlyList<object?>)[l.Of(c.Key), c.Value]).ToList())]),
                new ReportSection(l["Bulletin.Section.Cases"], [],
                    [new ReportTable(l["Bulletin.Table.Cases"], [l["Reports.Col.State"], .. levels, l["Reports.Total"]],
                        byState.Select(s => (IReadOnlyList<object?>)[l.Of(s.Key), .. levels.Select(v => (object?)s.Value.GetValueOrDefault(v)), s.Value.Values.Sum()])
                            .Append([l["Reports.Total"].Value, .. levels.Select(v => (object?)byState.Values.Sum(s => s.GetValueOrDefault(v))), inputs.CaseHeads.Count])
                            .ToList())]),
                new ReportSection(l["Bulletin.Section.Timeliness"], [l["Performance.Definitions"]],
                    [ReportTables.Lines(l["Performance.Table.Units"], units.Append(total), PerformanceGrouping.Unit, l)]),
                new ReportSection(l["Bulletin.Section.Breaches"], inputs.Breaches.Count == 0 ? [l["Reports.NoBreaches"]] : [],
                    inputs.Breaches.Count == 0 ? [] : [ReportTables.Breaches(inputs.Breaches, l)]),
                new ReportSection(l["Bulletin.Section.Typical"], typical.Count == 0 ? [l["Bulletin.NoTypical"]] : typical, []),
            ]);
        return new Result(from, to, items, inputs.CaseHeads.Count, byState.ToDictionary(k => k.Key, v => v.Value), total, units, inputs.Breaches, typical, document);
    }
}
