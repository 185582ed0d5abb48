using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Search;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Search;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// Search at 200,000 and 1,000,000 items (docs/benchmarks-search.md). The real app (demo desk, SQLite file, migrations)
/// is grown with generated posts written by raw SQL — the item row and its index row in one transaction, as the intake
/// writer does — then every query goes through the app's mediator (<see cref="SearchRecords"/>: index, unit scope, rows,
/// highlighting) as a supervisor (whole town) and as a construction officer (one unit's scope). The baseline, in the same
/// run and on the same file: a primary-key read of one item through a fresh DbContext (what GET /api/v1/items/{id} does).
/// Also the cost of the index on writing: rows/s inserting items alone against items plus their index rows.
/// <code>dotnet run -c Release --project Tests/Benchmarks -- search [--sizes 200000,1000000] [--repeat 20]</code>
/// </summary>
[SubBenchmark("search")]
public static class SearchBench
{
    /// <summary>Two-character words first (the case the trigram tokenizer cannot serve), then names, places, numbers, one character, none.</summary>
    private static readonly string[] Queries =
    [
        "停水", "路灯", "噪音", "积水", "垃圾", "小区", "维修", "投诉", "张伟", "李娜", "滨江小区", "3号", "停水 小区", "水", "龘龘",
    ];

    private static readonly string[] Names = ["张伟", "李娜", "王强", "赵敏", "陈静", "刘洋", "欧阳娜娜", "司马光"];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (NearDupBench.StringArg(args, "--sizes") ?? "200000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var repeat = NearDupBench.IntArg(args, "--repeat", 20);
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        // The per-user limit is for people; the benchmark searches hundreds of times a minute as one user.
        Environment.SetEnvironmentVariable("Search__PerUserPerMinute", "1000000");
        using var app = new BenchApp();
        app.Start();
        var supervisor = await app.ActorAsync(DemoAccounts.Supervisor);
        var officer = await app.ActorAsync(DemoAccounts.ConstructionOfficer);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync())
        {
            units = await db.Units.Select(u => u.Id).ToArrayAsync();
        }

        Console.WriteLine($"search: sizes {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))}; {repeat} runs of each of " +
                          $"{Queries.Length} queries per reader; {Environment.ProcessorCount} cores");
        var rows = new List<string>();
        var posts = new BenchPosts(7);
        var writeRates = await MeasureWriteCostAsync(app.DatabasePath, posts);
        foreach (var size in sizes)
        {
            var watch = Stopwatch.StartNew();
            var have = await CountAsync(app.DatabasePath);
            await SeedAsync(app.DatabasePath, posts, size - have);
            Console.Error.WriteLine($"seeded to {size:N0} items in {watch.Elapsed.TotalSeconds:F0} s");
            await CheckpointAsync(app.DatabasePath);

            var ids = await IdsAsync(app.DatabasePath, 500);
            var factory = app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>();
            var baseline = await TimeAsync(repeat * Queries.Length, async i =>
            {
                await using var db = await factory.CreateDbContextAsync();
                var id = ids[i % ids.Count];
                await db.Items.AsNoTracking().FirstAsync(x => x.Id == id);
            });
            rows.Add(Row(size, "baseline: item by primary key", baseline, baseline, null));

            foreach (var (reader, actor) in new[] { ("supervisor (all units)", supervisor), ("construction officer (one unit)", officer) })
            {
                var perQuery = new List<double>();
                var hits = new Dictionary<string, int>();
                foreach (var query in Queries)
                {
                    // Once untimed: the first run of a query pays for pages not yet in the cache.
                    var first = await app.SendAsync(actor, new SearchRecords.Query { Text = query });
                    hits[query] = first.Items.Count;
                    var times = await TimeAsync(repeat, _ => app.SendAsync(actor, new SearchRecords.Query { Text = query }));
                    perQuery.AddRange(times.Samples);
                    if (query.Length == 2 && !query.Contains(' ', StringComparison.Ordinal))
                    {
                        twoChar.AddRange(times.Samples);
                    }
                }

                var all = Summary.Of(perQuery);
                var two = Summary.Of(twoChar);
                twoChar.Clear();
                rows.Add(Row(size, $"search, {reader}", new Timing(all, perQuery), baseline, two));
                Console.Error.WriteLine($"{size:N0} {reader}: hits per query (of {SearchRecords.PageSize} shown) " +
                                        string.Join(", ", hits.Select(h => $"{h.Key}={h.Value}")));
            }

            var slowest = await SlowestQueriesAsync(app, supervisor, repeat);
            Console.Error.WriteLine($"{size:N0} slowest queries (supervisor, p95 ms): {slowest}");
        }

        Console.WriteLine();
        Console.WriteLine("| items | measure | p50 ms | p95 ms | max ms | p95 ÷ baseline p95 | two-character words p95 ms |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"writing: items alone {writeRates.Alone:N0} rows/s; items + index rows {writeRates.Indexed:N0} rows/s " +
                          $"({writeRates.Indexed / writeRates.Alone:F2}× — what indexing in the writer's transaction costs the raw insert)");
        return 0;
    }

    private static readonly List<double> twoChar = [];
    private static int[] units = [];

    private sealed record Timing(Summary Summary, List<double> Samples);

    private static string Row(int size, string measure, Timing timing, Timing baseline, Summary? two) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {measure} | {timing.Summary.P50:F2} | {timing.Summary.P95:F2} | {timing.Summary.Max:F1} | " +
            $"{timing.Summary.P95 / baseline.Summary.P95:F1}× | {(two is null ? "" : two.P95.ToString("F2", CultureInfo.InvariantCulture))} |");

    private static async Task<string> SlowestQueriesAsync(BenchApp app, Domain.Common.Actor actor, int repeat)
    {
        var each = new List<(string Query, double P95)>();
        foreach (var query in Queries)
        {
            var times = await TimeAsync(Math.Max(5, repeat / 2), _ => app.SendAsync(actor, new SearchRecords.Query { Text = query }));
            each.Add((query, times.Summary.P95));
        }

        return string.Join(", ", each.OrderByDescending(e => e.P95).Take(5).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Query} {e.P95:F1}")));
    }

    private static async Task<Timing> TimeAsync(int count, Func<int, Task> run)
    {
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run(i);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new Timing(Summary.Of(samples), samples);
    }

    /// <summary>20,000 rows twice into a scratch copy of the schema: items alone, then items with their index rows.</summary>
    private static async Task<(double Alone, double Indexed)> MeasureWriteCostAsync(string databasePath, BenchPosts posts)
    {
        var scratch = Path.Combine(Path.GetDirectoryName(databasePath)!, "write-cost.db");
        await using (var connection = Open(databasePath))
        {
            await using var backup = Open(scratch);
            connection.BackupDatabase(backup);
        }

        var alone = await RateAsync(scratch, posts, 20_000, index: false);
        var indexed = await RateAsync(scratch, posts, 20_000, index: true);
        SqliteConnection.ClearAllPools();
        File.Delete(scratch);
        return (alone, indexed);
    }

    private static async Task<double> RateAsync(string path, BenchPosts posts, int count, bool index)
    {
        var watch = Stopwatch.StartNew();
        await InsertAsync(path, posts, count, index);
        return count / watch.Elapsed.TotalSeconds;
    }

    private static Task SeedAsync(string path, BenchPosts posts, int count) => count <= 0 ? Task.CompletedTask : InsertAsync(path, posts, count, index: true);

    /// <summary>Generated items over the last 60 days, routed to the units in turn, one in five with a person's name as author.</summary>
    private static async Task InsertAsync(string path, BenchPosts posts, int count, bool index)
    {
        const int PerTransaction = 5_000;
        await using var connection = Open(path);
        var random = new Random(count);
        var now = DateTime.UtcNow;
        for (var done = 0; done < count;)
        {
            await using var transaction = connection.BeginTransaction();
            await using var item = connection.CreateCommand();
            item.Transaction = transaction;
            item.CommandText = "INSERT INTO Items (Channel, Title, Content, Author, CollectedAt, CollectedBy, Views, Shares, Comments, Likes, " +
                               "SuggestedUnitId, Status, Version, SourceKey, Fingerprint) VALUES ($channel, $title, $content, $author, $at, '基准', " +
                               "0, 0, 0, 0, $unit, 'New', 0, 'import', 0) RETURNING Id;";
            var channel = item.Parameters.Add("$channel", SqliteType.Text);
            var title = item.Parameters.Add("$title", SqliteType.Text);
            var content = item.Parameters.Add("$content", SqliteType.Text);
            var author = item.Parameters.Add("$author", SqliteType.Text);
            var at = item.Parameters.Add("$at", SqliteType.Text);
            var unit = item.Parameters.Add("$unit", SqliteType.Integer);
            await using var search = connection.CreateCommand();
            search.Transaction = transaction;
            search.CommandText = "INSERT INTO ItemSearch(rowid, bi, uni) VALUES ($id, $bi, $uni);";
            var id = search.Parameters.Add("$id", SqliteType.Integer);
            var bi = search.Parameters.Add("$bi", SqliteType.Text);
            var uni = search.Parameters.Add("$uni", SqliteType.Text);
            var batch = Math.Min(PerTransaction, count - done);
            for (var i = 0; i < batch; i++)
            {
                var (t, c) = posts.Next();
                var name = random.Next(5) == 0 ? Names[random.Next(Names.Length)] : null;
                channel.Value = random.Next(4) switch { 0 => "Weibo", 1 => "Hotline", 2 => "Forum", _ => "WeChat" };
                title.Value = t;
                content.Value = c;
                author.Value = (object?)name ?? DBNull.Value;
                at.Value = (now - TimeSpan.FromMinutes(random.Next(60 * 24 * 60))).ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
                unit.Value = units[random.Next(units.Length)];
                var newId = (long)(await item.ExecuteScalarAsync())!;
                if (index)
                {
                    var text = string.Join('\n', t, c, name ?? string.Empty, string.Empty, string.Empty);
                    id.Value = newId;
                    bi.Value = SearchText.Bigrams(text);
                    uni.Value = SearchText.Unigrams(text);
                    await search.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
            done += batch;
            if (done % 100_000 < PerTransaction)
            {
                Console.Error.WriteLine($"  {done:N0} of {count:N0}");
            }
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static async Task CheckpointAsync(string path)
    {
        await using var connection = Open(path);
        await using var command = connection.CreateCommand();
        // Merge the index's segments, as a long-running desk's index ends up after FTS5's automatic merges.
        command.CommandText = "INSERT INTO ItemSearch(ItemSearch) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE);";
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> CountAsync(string path)
    {
        await using var connection = Open(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Items;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<int>> IdsAsync(string path, int count)
    {
        await using var connection = Open(path);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id FROM Items ORDER BY random() LIMIT {count};";
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }
}
