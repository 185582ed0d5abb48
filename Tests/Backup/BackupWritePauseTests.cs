using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Backup;
using OpinionResponse.Infrastructure.Backup;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace OpinionResponse.Tests.Backup;

/// <summary>
/// A backup of a big file must not hold up intake: items logged one after another through the intake writer keep being
/// acknowledged while the pages are copied. The file's size is BACKUP_PAUSE_MB (64 by default); figures in
/// docs/adr/0006-backup.md.
/// </summary>
public sealed class BackupWritePauseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestApp app = new();

    public async Task InitializeAsync() => await app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task Items_are_acknowledged_while_a_big_database_is_backed_up()
    {
        var megabytes = int.TryParse(Environment.GetEnvironmentVariable("BACKUP_PAUSE_MB"), out var mb) ? mb : 64;
        await FillAsync(megabytes);

        var latencies = new List<(double StartMs, double Ms)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = clock.Elapsed.TotalMilliseconds;
                await BackupTests.LogItemAsync(app, $"第{i}条 滨江小区停水");
                lock (latencies)
                {
                    latencies.Add((started, clock.Elapsed.TotalMilliseconds - started));
                }
            }
        });

        // Past the first writes (the intake's indexes warm up), then a second of steady writing to compare with.
        await Eventually.HoldsAsync(() => Count(latencies) >= 10, TimeSpan.FromSeconds(60));
        var warm = clock.Elapsed.TotalMilliseconds;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var backupStarted = clock.Elapsed.TotalMilliseconds;
        var taken = await app.SendAsync(DemoAccounts.Admin, new BackupNow.Command());
        var backupEnded = clock.Elapsed.TotalMilliseconds;
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await writer;

        List<(double StartMs, double Ms)> all;
        lock (latencies)
        {
            all = latencies.ToList();
        }

        var before = all.Where(l => l.StartMs >= warm && l.StartMs + l.Ms < backupStarted).Select(l => l.Ms).ToList();
        // Every write that overlapped the backup, and the longest gap between two acknowledgements during it.
        var during = all.Where(l => l.StartMs < backupEnded && l.StartMs + l.Ms > backupStarted).Select(l => l.Ms).ToList();
        var acknowledgedDuring = all.Count(l => l.StartMs + l.Ms > backupStarted && l.StartMs + l.Ms < backupEnded);
        var acks = all.Select(l => l.StartMs + l.Ms).Where(t => t > backupStarted && t < backupEnded).Prepend(backupStarted).Append(backupEnded).Order().ToList();
        var longestGap = acks.Zip(acks.Skip(1), (a, b) => b - a).Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{megabytes} MB file ({taken.Bytes / 1048576d:0.0} MB backup) copied and checked in {backupEnded - backupStarted:0} ms; " +
            $"writes before: n={before.Count} p50={Percentile(before, 0.5):0.0} ms max={before.DefaultIfEmpty(double.NaN).Max():0.0} ms; " +
            $"during: n={during.Count} acknowledged={acknowledgedDuring} p50={Percentile(during, 0.5):0.0} ms max={during.DefaultIfEmpty(double.NaN).Max():0.0} ms; " +
            $"longest gap between acknowledgements during the backup {longestGap:0} ms"));

        Assert.True(taken.IsIntact);
        Assert.True(acknowledgedDuring > 0, "No item was acknowledged while the backup ran: it blocked the writer.");
        Assert.True(during.Max() < 2000, $"A write waited {during.Max():0} ms during the backup.");
    }

    /// <summary>Grows the app's own file with a table of random blobs (not a table the app reads).</summary>
    private async Task FillAsync(int megabytes)
    {
        await using var db = await app.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE BackupFiller (Data BLOB NOT NULL)");
        var rows = megabytes * 128;
        await db.Database.ExecuteSqlAsync(
            $"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {rows}) INSERT INTO BackupFiller SELECT randomblob(8000) FROM n");
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        Assert.True(new FileInfo(app.DatabasePath).Length > megabytes * 1_000_000L);
    }

    private static int Count(List<(double, double)> latencies)
    {
        lock (latencies)
        {
            return latencies.Count;
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
