using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Reports;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Reports.Performance;

/// <summary>A period in UTC, [From, To), and the units it covers (null: every unit, the town).</summary>
public sealed record ReportScope(DateTime From, DateTime To, IReadOnlyCollection<int>? Units);

/// <summary>A breach in a period, with its case, reason and the supervisor's decision (考核 and 通报 list them).</summary>
public sealed record BreachLine(string? CaseNumber, string? CaseTitle, int? UnitId, string? UnitName, string? PersonName, ClockKind Clock,
    DateTime DueAt, TimeSpan Lateness, string? Reason, BreachDecision? Decision, string? DecisionNote);

/// <summary>What the 考核 and the 通报 are computed from, loaded once for a scope: every figure comes from timestamps already kept.</summary>
public sealed record PerformanceInputs(
    IReadOnlyList<CaseFacts> Cases,
    IReadOnlyList<ItemTally> Items,
    IReadOnlyDictionary<Domain.Items.Channel, int> ItemsByChannel,
    IReadOnlyList<BreachLine> Breaches,
    IReadOnlyDictionary<int, string> UnitNames,
    IReadOnlyDictionary<int, (string Number, string Title, CaseState State, RiskLevel? Level, string? Closing, int Items)> CaseHeads);

public static class PerformanceData
{
    /// <summary>
    /// The scope a request may see: an actor who spans all units gets what they asked (null = the town); anyone else
    /// gets their own units, or one of them — asking for another unit is refused as not found.
    /// </summary>
    public static IReadOnlyCollection<int>? UnitsFor(Actor actor, int? unitId)
    {
        if (actor.SpansAllUnits)
        {
            return unitId is { } only ? [only] : null;
        }

        if (unitId is { } asked)
        {
            return actor.BelongsTo(asked) ? [asked] : throw new NotFoundException($"Unit {asked} is not visible to {actor.UserId}.");
        }

        return actor.UnitIds.ToList();
    }

    public static async Task<PerformanceInputs> LoadAsync(OpinionDbContext db, ClockPolicyHistory policies, ReportScope scope, DateTime now,
        CancellationToken cancellationToken)
    {
        var units = scope.Units?.ToList();
        var cases = db.Cases.AsNoTracking().Where(c => c.CreatedAt >= scope.From && c.CreatedAt < scope.To);
        if (units is not null)
        {
            cases = cases.Where(c => units.Contains(c.ResponsibleUnitId));
        }

        const string rejected = nameof(CaseTrigger.RejectPlan);
        var heads = await cases.Select(c => new
            {
                c.Id, c.Number, c.Title, c.State, c.RiskLevel, c.ResponsibleUnitId, c.OwnerName, c.CloseSummary, c.FollowUp,
                Rejections = c.Timeline.Count(t => t.Action == rejected),
                Items = db.Items.Count(i => i.CaseId == c.Id),
                NeedsFollowUp = db.Items.Any(i => i.CaseId == c.Id && (i.Channel == Domain.Items.Channel.Hotline || i.Channel == Domain.Items.Channel.OnlineInquiry)
                                                  && i.Contact != null && i.Contact != ""),
            })
            .ToListAsync(cancellationToken);
        var facts = await db.LoadClockFactsAsync(heads.Select(h => h.Id).ToList(), cancellationToken);
        var caseFacts = heads.Select(h => new CaseFacts(h.Id, h.ResponsibleUnitId, h.OwnerName, facts[h.Id], policies.At(facts[h.Id].CreatedAt),
            h.Rejections, h.NeedsFollowUp, h.FollowUp)).ToList();

        var (tallies, byChannel) = await CountItemsAsync(db, policies, scope, now, cancellationToken);

        var breachQuery = db.ClockAlerts.AsNoTracking()
            .Where(a => a.Threshold == ClockThreshold.Breach && a.DueAt >= scope.From && a.DueAt < scope.To);
        if (units is not null)
        {
            breachQuery = breachQuery.Where(a => a.UnitId != null && units.Contains(a.UnitId.Value));
        }

        var breaches = await breachQuery.OrderBy(a => a.DueAt)
            .Select(a => new { Alert = a, Case = db.Cases.Where(c => c.Id == a.CaseId).Select(c => new { c.Number, c.Title, c.OwnerName }).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);

        return new PerformanceInputs(
            caseFacts,
            tallies,
            byChannel,
            breaches.Select(b => new BreachLine(b.Case?.Number, b.Case?.Title, b.Alert.UnitId,
                b.Alert.UnitId is { } u ? unitNames.GetValueOrDefault(u) : null,
                b.Alert.ResponsibleName ?? b.Case?.OwnerName, b.Alert.Clock, b.Alert.DueAt, b.Alert.LatenessAt(now), b.Alert.Reason, b.Alert.Decision,
                b.Alert.DecisionNote)).ToList(),
            unitNames,
            heads.ToDictionary(h => h.Id, h => (h.Number, h.Title, h.State, h.RiskLevel, h.CloseSummary, h.Items)));
    }

    /// <summary>
    /// Items are many (a town desk collects hundreds of thousands a month), so the database counts them: per unit (the
    /// case's, else the suggested one) and triaging officer, how many, how many triaged on time, how many decided — for
    /// each clock policy version in force during the period, with that version's triage time.
    /// </summary>
    private static async Task<(List<ItemTally>, Dictionary<Domain.Items.Channel, int>)> CountItemsAsync(OpinionDbContext db, ClockPolicyHistory policies,
        ReportScope scope, DateTime now, CancellationToken cancellationToken)
    {
        var periods = policies.Periods.ToList();
        var tallies = new List<ItemTally>();
        var byChannel = new Dictionary<Domain.Items.Channel, int>();
        var connection = db.Database.GetDbConnection();
        var postgres = db.IsPostgreSql();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var i = 0; i < periods.Count; i++)
            {
                var from = Max(periods[i].From, scope.From);
                var to = i + 1 < periods.Count ? Min(periods[i + 1].From, scope.To) : scope.To;
                if (from >= to)
                {
                    continue;
                }

                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT COALESCE(c."ResponsibleUnitId", i."SuggestedUnitId") AS "UnitId", i."TriagedBy", i."Channel",
                           CAST(COUNT(*) AS INTEGER),
                           CAST(SUM(CASE WHEN i."Status" NOT IN ('New','Claimed') AND i."TriagedAt" IS NOT NULL
                                     AND {Seconds("i.\"CollectedAt\"", "i.\"TriagedAt\"", postgres)} < @secs THEN 1 ELSE 0 END) AS INTEGER),
                           CAST(SUM(CASE WHEN i."Status" NOT IN ('New','Claimed') AND i."TriagedAt" IS NOT NULL THEN 1
                                    WHEN {Seconds("i.\"CollectedAt\"", "@now", postgres)} >= @secs THEN 1 ELSE 0 END) AS INTEGER)
                    FROM "Items" i LEFT JOIN "Cases" c ON c."Id" = i."CaseId"
                    WHERE i."CollectedAt" >= @from AND i."CollectedAt" < @to {(scope.Units is null ? string.Empty : postgres
                        ? "AND COALESCE(c.\"ResponsibleUnitId\", i.\"SuggestedUnitId\") = ANY(@units)"
                        : "AND COALESCE(c.\"ResponsibleUnitId\", i.\"SuggestedUnitId\") IN (SELECT value FROM json_each(@units))")}
                    GROUP BY 1, 2, 3
                    """;
                Add(command, "@secs", periods[i].Policy.Triage.TotalSeconds);
                Add(command, "@now", Sql(now, postgres));
                Add(command, "@from", Sql(from, postgres));
                Add(command, "@to", Sql(to, postgres));
                if (scope.Units is not null)
                {
                    Add(command, "@units", postgres ? scope.Units.ToArray() : System.Text.Json.JsonSerializer.Serialize(scope.Units));
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var count = reader.GetInt32(3);
                    tallies.Add(new ItemTally(reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), count,
                        reader.GetInt32(4), reader.GetInt32(5)));
                    if (Enum.TryParse<Domain.Items.Channel>(reader.GetString(2), out var channel))
                    {
                        byChannel[channel] = byChannel.GetValueOrDefault(channel) + count;
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return (tallies, byChannel);
    }

    /// <summary>
    /// A time as the column stores it, so that comparisons in SQL are comparisons of times: on SQLite the text form EF's
    /// provider writes, on PostgreSQL a <c>timestamp without time zone</c> (Kind=Unspecified) holding the UTC time.
    /// </summary>
    private static object Sql(DateTime utc, bool postgres) => postgres
        ? DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)
        : utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Seconds from <paramref name="start"/> to <paramref name="end"/> (SQL expressions of stored times).</summary>
    private static string Seconds(string start, string end, bool postgres) => postgres
        ? $"EXTRACT(EPOCH FROM ({end} - {start}))"
        : $"(julianday({end}) - julianday({start})) * 86400.0";

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
