using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Cli;
using OpinionResponse.App.Features.Backup;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Backup;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace OpinionResponse.Tests.Backup;

/// <summary>
/// SECURITY.md B2, the restore drill: a backup taken while items are being written restores to a fresh file that passes
/// the integrity check, holds every item acknowledged before the backup began (and no hole after), and the app runs on it.
/// </summary>
public sealed class RestoreDrillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestApp app = new() { KeepFiles = true };

    public async Task InitializeAsync() => await app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        TryDelete(Path.GetDirectoryName(app.DatabasePath)!);
    }

    private IDatabaseBackup Backups => app.Services.GetRequiredService<IDatabaseBackup>();

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task A_backup_taken_under_write_load_restores_to_a_fresh_file_that_the_app_starts_on()
    {
        var acknowledged = new ConcurrentDictionary<int, string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var title = $"第{writer}路第{i}条 滨江小区停水";
                acknowledged[await BackupTests.LogItemAsync(app, title)] = title;
            }
        })).ToList();

        await Eventually.HoldsAsync(() => acknowledged.Count >= 100, TimeSpan.FromSeconds(60));
        // The audit rows so far sealed before the copy (the sealer's own timing is the sealer tests' matter): the restored
        // chain must then verify sealed rows, not only a log that waits for its sealer.
        await app.Services.GetRequiredService<AuditSealer>().SealNowAsync(CancellationToken.None);
        var beforeBackup = acknowledged.ToArray();
        var taken = await app.SendAsync(DemoAccounts.Admin, new BackupNow.Command());
        var atBackupEnd = acknowledged.Count;
        await Eventually.HoldsAsync(() => acknowledged.Count >= atBackupEnd + 50, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"{beforeBackup.Length} items acknowledged before the backup began, {atBackupEnd - beforeBackup.Length} while it ran, {acknowledged.Count} in all");

        await using var fresh = new TestApp();
        var backupPath = Backups.Find(taken.Name)!.FullPath;
        var restored = await Backups.RestoreAsync(backupPath, fresh.DatabasePath, CancellationToken.None);

        Assert.Null(restored.ReplacedPath);
        Assert.Equal("ok", SqliteFile.Scalar(fresh.DatabasePath, "PRAGMA integrity_check"));
        var restoredIds = SqliteFile.Ids(fresh.DatabasePath, "Items").ToHashSet();
        var missing = beforeBackup.Where(a => !restoredIds.Contains(a.Key)).Select(a => a.Key).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} items acknowledged before the backup are not in it: {string.Join(", ", missing.Take(10))}");
        // One point in time: the single intake writer numbers items in commit order, so the backup holds exactly the
        // live items up to its newest one, with no hole (a torn copy would miss some and keep later ones).
        var liveIds = SqliteFile.Ids(app.DatabasePath, "Items");
        Assert.Equal(liveIds.Where(id => id <= restoredIds.Max()).Order(), restoredIds.Order());
        Assert.True(liveIds.Count > restoredIds.Count, "Items written after the backup should not be in it.");
        foreach (var table in SqliteFile.Tables(backupPath))
        {
            Assert.True(SqliteFile.Count(backupPath, table) == SqliteFile.Count(fresh.DatabasePath, table), $"Row count of {table} differs from the backup's.");
        }

        // The app starts on the restored file: the sign-in page answers and the queue shows what was restored.
        using var http = fresh.CreateClient();
        var signIn = await http.GetAsync("/account/login");
        Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
        var waiting = await fresh.SendAsync(DemoAccounts.Duty, new CountTriageQueue.Query());
        Assert.Equal(restoredIds.Count, waiting);

        // The restored audit log proves itself: its hash chain is intact, from the first row to the newest.
        await using var db = await fresh.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync();
        var chain = await AuditChain.VerifyAsync(db, expectedHead: null, CancellationToken.None);
        Assert.True(chain.Intact, $"The restored audit chain is broken: {chain.Break}");
        Assert.True(chain.Checked > 0, "The restored audit log holds no sealed row to verify.");
    }

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task Restore_is_refused_while_the_app_serves_the_database_and_replaces_it_once_stopped()
    {
        var beforeBackup = await BackupTests.LogItemAsync(app, "备份前登记");
        var taken = await app.SendAsync(DemoAccounts.Admin, new BackupNow.Command());
        var afterBackup = await BackupTests.LogItemAsync(app, "备份后登记");
        var directory = Backups.Directory;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var refused = await new BackupCommand().RunAsync(scope.ServiceProvider, ["restore", taken.Name, "--to", app.DatabasePath], TextWriter.Null, CancellationToken.None);
            Assert.Equal(1, refused);
        }

        Assert.Equal(1L, SqliteFile.Scalar(app.DatabasePath, $"SELECT COUNT(*) FROM Items WHERE Id = {afterBackup}"));
        Assert.False(File.Exists(app.DatabasePath + ".restoring"));

        // Stop → restore → start, as the README tells the operator.
        await app.DisposeAsync();
        var restore = new SqliteDatabaseBackup(app.DatabasePath, directory, TimeProvider.System);
        var result = await restore.RestoreAsync(Path.Combine(directory, taken.Name), app.DatabasePath, CancellationToken.None);

        Assert.NotNull(result.ReplacedPath);
        Assert.False(File.Exists(app.DatabasePath + "-wal"), "The replaced file's WAL would be replayed over the restored one.");
        Assert.Equal(1L, SqliteFile.Scalar(result.ReplacedPath, $"SELECT COUNT(*) FROM Items WHERE Id = {afterBackup}"));
        await using var restarted = new RestartedApp(app);
        var ids = await restarted.SendAsync(DemoAccounts.Duty, new CountTriageQueue.Query());
        Assert.Equal(1, ids);
        Assert.Equal(1L, SqliteFile.Scalar(app.DatabasePath, $"SELECT COUNT(*) FROM Items WHERE Id = {beforeBackup}"));
        Assert.Equal(0L, SqliteFile.Scalar(app.DatabasePath, $"SELECT COUNT(*) FROM Items WHERE Id = {afterBackup}"));
    }

    private sealed class RestartedApp : TestApp
    {
        public RestartedApp(TestApp before)
            : base(before) => KeepFiles = true;
    }

    private static void TryDelete(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }
}
