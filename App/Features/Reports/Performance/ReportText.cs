using System.Globalization;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Reports;

namespace OpinionResponse.App.Features.Reports.Performance;

/// <summary>Beijing days and periods as reports name them.</summary>
public static class ReportText
{
    /// <summary>00:00 Beijing time of <paramref name="day"/>, in UTC.</summary>
    public static DateTime BeijingStart(this DateOnly day) => day.ToDateTime(TimeOnly.MinValue).FromBeijing();

    /// <summary>Today in Beijing.</summary>
    public static DateOnly BeijingDay(this DateTime utc) => DateOnly.FromDateTime(utc.ToBeijing());

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Period(DateOnly from, DateOnly to) => from == to ? Day(from) : $"{Day(from)} — {Day(to)}";

    public static string ScopeName(IReadOnlyCollection<int>? units, IReadOnlyDictionary<int, string> names, IStringLocalizer l) =>
        units is null ? l["Reports.Town"] : string.Join("、", units.Select(u => names.GetValueOrDefault(u, "?")));

    /// <summary>
    /// Officers' own sentences put inside a template's sentence lose their closing mark, so "主要风险：道路积水。" does not
    /// come out as "主要风险：道路积水。。" or "处置措施：封路。；线下处置：…".
    /// </summary>
    public static string Clause(string? text) => (text ?? string.Empty).Trim().TrimEnd('。', '；', '，', '、', '！', '？', '.', ';', ',', '!', '?', ' ');

    public static string Hours(TimeSpan? span) =>
        span is { } s ? s.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) : "—";
}

/// <summary>The tables the 考核 and the 通报 share, so both read the same.</summary>
public static class ReportTables
{
    public static ReportTable Lines(string name, IEnumerable<PerformanceLine> lines, PerformanceGrouping grouping, IStringLocalizer l) => new(
        name,
        [
            l[grouping == PerformanceGrouping.Unit ? "Performance.Col.Unit" : "Performance.Col.Person"], l["Performance.Col.Cases"],
            l["Performance.Col.Items"], l["Performance.Col.Triage"], l["Performance.Col.Assessment"], l["Performance.Col.Authoritative"],
            l["Performance.Col.Response"], l["Performance.Col.Median"], l["Performance.Col.Breaches"], l["Performance.Col.Rejected"],
            l["Performance.Col.ResponseRate"], l["Performance.Col.ResolutionRate"], l["Performance.Col.SatisfactionRate"],
        ],
        lines.Select(x => (IReadOnlyList<object?>)
        [
            x.Name, x.Cases, x.Items, x.Triage, x.Assessment, x.Authoritative, x.Response,
            x.MedianFirstResponse is { } m ? Math.Round(m.TotalHours, 1) : null, x.Breaches, x.PlansRejected, x.ResponseRate, x.ResolutionRate,
            x.SatisfactionRate,
        ]).ToList());

    public static ReportTable Breaches(IEnumerable<BreachLine> breaches, IStringLocalizer l) => new(
        l["Reports.Table.Breaches"],
        [
            l["Reports.Col.Case"], l["Reports.Col.Unit"], l["Reports.Col.Person"], l["Reports.Col.Clock"], l["Reports.Col.DueAt"],
            l["Reports.Col.LateHours"], l["Reports.Col.Reason"], l["Reports.Col.Decision"],
        ],
        breaches.Select(b => (IReadOnlyList<object?>)
        [
            b.CaseNumber is null ? null : $"{b.CaseNumber} {b.CaseTitle}", b.UnitName, b.PersonName, l[$"Clock.{b.Clock}"].Value, b.DueAt.Beijing16(),
            Math.Round(b.Lateness.TotalHours, 1), b.Reason, b.Decision is { } d ? l.Of(d) + (b.DecisionNote is { } n ? $"：{n}" : string.Empty) : null,
        ]).ToList());
}
