using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OpinionResponse.App.Features.Reports.Bulletins;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// The 定期通报 target: a 30-day bulletin of the whole town over 1,000,000 items generated in ≤ 2 s, through the mediator as
/// the page asks for it. Seeded with raw SQL (copies of a demo item and case, spread over the 30 days; one item in a hundred
/// belongs to a case). The baseline, in the same run on the same rows: a plain COUNT of the period's items.
/// </summary>
[SubBenchmark("bulletin")]
public static class BulletinBench
{
    private const string Usage = "bulletin [--items 1000000] [--cases 10000] [--runs 3] [--keep]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.Error.WriteLine(Usage);
            return 0;
        }

        var items = Option(args, "--items", 1_000_000);
        var cases = Option(args, "--cases", 10_000);
        var runs = Option(args, "--runs", 3);
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        using var app = new BenchApp { KeepDatabase = args.Contains("--keep") };
        var supervisor = await app.ActorAsync(DemoAccounts.Supervisor);

        // The last past month of 30 days: its monthly bulletin is a 30-day 通报. Times are seeded in UTC from the Beijing
        // midnight that starts it.
        var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-1);
        while (DateTime.DaysInMonth(month.Year, month.Month) != 30)
        {
            month = month.AddMonths(-1);
        }

        var from = month.AddHours(-8);
        var to = from.AddDays(30);
        Progress($"Seeding {items:N0} items and {cases:N0} cases over {from:yyyy-MM-dd} … {to:yyyy-MM-dd}…");
        var seed = Stopwatch.StartNew();
        await SeedAsync(app.DatabasePath, items, cases, from);
        Progress($"Seeded in {seed.Elapsed.TotalSeconds:0.0} s.");

        var counts = new List<double>();
        var bulletins = new List<double>();
        GetBulletin.Result? last = null;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var counted = await CountAsync(app.DatabasePath, from, to);
            counts.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            last = await app.SendAsync(supervisor, new GetBulletin.Query(BulletinPeriod.Month, DateOnly.FromDateTime(month)));
            bulletins.Add(watch.Elapsed.TotalMilliseconds);
            Progress($"run {run + 1}: COUNT {counts[^1]:0} ms ({counted:N0} rows), bulletin {bulletins[^1]:0} ms ({last.Items:N0} items, {last.Cases:N0} cases)");
        }

        var bulletin = bulletins.Min();
        var count = counts.Min();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| items in the database | {items:N0} |");
        Console.WriteLine($"| items in the bulletin's month | {last!.Items:N0} |");
        Console.WriteLine($"| baseline: COUNT of the period's items (best of {runs}) | {count:0} ms |");
        Console.WriteLine($"| 定期通报 through the mediator (best of {runs}; all: {string.Join(", ", bulletins.Select(b => b.ToString("0", CultureInfo.InvariantCulture)))} ms) | {bulletin:0} ms |");
        Console.WriteLine($"| ratio bulletin ÷ COUNT | {bulletin / count:0.0}× |");
        Console.WriteLine($"| target ≤ 2,000 ms | {(bulletin <= 2000 ? "met" : "MISSED")} |");
        return 0;
    }

    /// <summary>
    /// Copies of the demo desk's first item and case with only what a bulletin reads changed: channel, times, status,
    /// unit, case. Every other column comes from the template row, so the copies are valid whatever columns the table has.
    /// </summary>
    private static async Task SeedAsync(string databasePath, int items, int cases, DateTime from)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        var span = 30 * 24 * 3600.0;
        var start = from.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        string Time(string seconds) => $"strftime('%Y-%m-%d %H:%M:%S', '{start}', '+' || CAST({seconds} AS INTEGER) || ' seconds')";
        var caseCopies = new Dictionary<string, string>
        {
            ["Number"] = "'BENCH-' || n.i",
            ["Title"] = "'基准事件 ' || n.i",
            ["CreatedAt"] = Time($"(n.i * 7919) % {span}"),
            ["UpdatedAt"] = Time($"(n.i * 7919) % {span}"),
            ["State"] = "CASE n.i % 4 WHEN 0 THEN 'Closed' WHEN 1 THEN 'Disposing' WHEN 2 THEN 'Assessing' ELSE 'Collected' END",
            ["RiskLevel"] = "1 + n.i % 4",
            // SQLite does not let LIMIT/OFFSET read the outer row, so the unit is picked by its rank instead.
            ["ResponsibleUnitId"] = "(SELECT u.Id FROM (SELECT Id, ROW_NUMBER() OVER (ORDER BY Id) - 1 AS k FROM Units) u " +
                                    "WHERE u.k = n.i % (SELECT COUNT(*) FROM Units))",
        };
        await CopyAsync(connection, "Cases", cases, caseCopies, "(SELECT MIN(Id) FROM Cases)");
        var firstCase = await ScalarAsync(connection, "SELECT MIN(Id) FROM Cases WHERE Number LIKE 'BENCH-%'");
        var itemCopies = new Dictionary<string, string>
        {
            ["Channel"] = "CASE n.i % 5 WHEN 0 THEN 'Hotline' WHEN 1 THEN 'Weibo' WHEN 2 THEN 'Forum' WHEN 3 THEN 'WeChat' ELSE 'PortalSite' END",
            ["Title"] = "'基准舆情 ' || n.i",
            ["ExternalId"] = "NULL",
            ["CollectedAt"] = Time($"(n.i * 104729) % {span}"),
            ["TriagedAt"] = Time($"(n.i * 104729) % {span} + (n.i % 3600)"),
            ["Status"] = "CASE WHEN n.i % 100 = 0 THEN 'Attached' WHEN n.i % 10 = 1 THEN 'New' ELSE 'Dismissed' END",
            ["TriagedBy"] = "'张伟'",
            ["CaseId"] = $"CASE WHEN n.i % 100 = 0 THEN {firstCase} + (n.i / 100) % {cases} ELSE NULL END",
        };
        await CopyAsync(connection, "Items", items, itemCopies, "(SELECT MIN(Id) FROM Items)");
        await ExecuteAsync(connection, "ANALYZE;");
    }

    private static async Task CopyAsync(SqliteConnection connection, string table, int count, Dictionary<string, string> overrides, string templateId)
    {
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE name <> 'Id'";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var select = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var expression) ? expression : $"t.\"{c}\""));
        await ExecuteAsync(connection, $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
            INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
            SELECT {select} FROM n, "{table}" t WHERE t.Id = {templateId};
            """);
    }

    private static async Task<long> CountAsync(string databasePath, DateTime from, DateTime to)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        return await ScalarAsync(connection,
            $"SELECT COUNT(*) FROM Items WHERE CollectedAt >= '{from:yyyy-MM-dd HH:mm:ss}' AND CollectedAt < '{to:yyyy-MM-dd HH:mm:ss}'");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Progress(string text) => Console.Error.WriteLine(text);
}
