using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Cli;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Backup;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Backup;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Backup;

/// <summary>SECURITY.md B1: an online backup, checked and audited, on demand (page, CLI) and on a schedule, pruned after KeepDays.</summary>
public sealed partial class BackupTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public async Task InitializeAsync() => await app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private IDatabaseBackup Backups => app.Services.GetRequiredService<IDatabaseBackup>();

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task A_backup_on_demand_is_a_checked_self_contained_copy_recorded_in_the_audit_log()
    {
        var itemId = await LogItemAsync(app, "滨江小区停水");

        var row = await app.SendAsync(DemoAccounts.Admin, new BackupNow.Command());

        Assert.Equal(SqliteDatabaseBackup.IntegrityOk, row.Integrity);
        Assert.Matches(GeneratedName(), row.Name);
        var file = Backups.Find(row.Name);
        Assert.NotNull(file);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "backups", row.Name), file.FullPath);
        Assert.Equal(1L, SqliteFile.Scalar(file.FullPath, $"SELECT COUNT(*) FROM Items WHERE Id = {itemId}"));
        // One file that travels alone: a rollback journal, no WAL beside it.
        Assert.Equal("delete", SqliteFile.Scalar(file.FullPath, "PRAGMA journal_mode"));
        Assert.Equal(["backups/" + row.Name], Directory.EnumerateFiles(Backups.Directory).Select(f => "backups/" + Path.GetFileName(f)));

        await using var db = await app.CreateDbContextAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == "Backup").ToListAsync();
        var entry = Assert.Single(audit);
        var admin = await app.ActorAsync(DemoAccounts.Admin);
        Assert.Equal(("BackupDatabase.Admin", row.Name, "孙磊", admin.UserId, AuditOutcome.Succeeded),
            (entry.Action, entry.ObjectId, entry.UserName, entry.UserId, entry.Outcome));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "BackupNow.Command" && a.UserId == admin.UserId), "The command itself is audited too.");
        Assert.StartsWith("integrity=ok; bytes=", entry.Detail, StringComparison.Ordinal);

        var listing = await app.SendAsync(DemoAccounts.Admin, new ListBackups.Query());
        var listed = Assert.Single(listing.Rows);
        Assert.Equal((row.Name, true, file.Bytes), (listed.Name, listed.IsIntact, listed.Bytes));
        Assert.Equal(Backups.Directory, listing.Directory);
    }

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task Only_an_admin_may_back_up_list_or_verify()
    {
        foreach (var account in DemoAccounts.All.Where(a => a.Role != OpinionResponse.Domain.Common.Role.Admin))
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(account, new BackupNow.Command()));
            await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(account, new ListBackups.Query()));
            await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(account, new VerifyBackup.Command("backup-20261204-180000Z.db")));
        }

        Assert.Empty(Backups.List());
    }

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task Backups_older_than_KeepDays_are_deleted_after_a_new_one_and_other_files_are_left_alone()
    {
        var first = await app.SendAsync(DemoAccounts.Admin, new BackupNow.Command());
        var old = Path.Combine(Backups.Directory, "backup-20200101-020000Z.db");
        var notOurs = Path.Combine(Backups.Directory, "notes.txt");
        File.Copy(Backups.Find(first.Name)!.FullPath, old);
        await File.WriteAllTextAsync(notOurs, "kept");

        var second = await app.SendAsync(DemoAccounts.Admin, new BackupNow.Command());

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(notOurs));
        Assert.Equal(new[] { first.Name, second.Name }.Order(), Backups.List().Select(f => f.Name).Order());
        await using var db = await app.CreateDbContextAsync();
        var detail = await db.AuditEntries.Where(a => a.ObjectId == second.Name).Select(a => a.Detail).SingleAsync();
        Assert.EndsWith("pruned=1", detail, StringComparison.Ordinal);
    }

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task A_damaged_backup_fails_verification_shows_as_damaged_and_is_never_restored()
    {
        var taken = await app.SendAsync(DemoAccounts.Admin, new BackupNow.Command());
        var path = Backups.Find(taken.Name)!.FullPath;
        Corrupt(path);

        var integrity = await app.SendAsync(DemoAccounts.Admin, new VerifyBackup.Command(taken.Name));

        Assert.NotEqual(SqliteDatabaseBackup.IntegrityOk, integrity);
        var listed = Assert.Single((await app.SendAsync(DemoAccounts.Admin, new ListBackups.Query())).Rows);
        Assert.False(listed.IsIntact);
        await using (var db = await app.CreateDbContextAsync())
        {
            var last = await db.AuditEntries.Where(a => a.ObjectId == taken.Name).OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal(("VerifyBackup.Admin", AuditOutcome.Failed), (last.Action, last.Outcome));
        }

        var target = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "restored.db");
        await Assert.ThrowsAsync<BackupRefusedException>(() => Backups.RestoreAsync(path, target, CancellationToken.None));
        Assert.False(File.Exists(target));
    }

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task A_name_that_is_not_a_generated_backup_name_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(DemoAccounts.Admin, new VerifyBackup.Command("../test.db")));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(DemoAccounts.Admin, new VerifyBackup.Command("backup-20261204-180000Z.db")));
    }

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task The_cli_takes_lists_and_verifies_backups_and_audits_them_as_cli()
    {
        var command = new BackupCommand();
        await using var scope = app.Services.CreateAsyncScope();

        var now = new StringWriter();
        Assert.Equal(0, await command.RunAsync(scope.ServiceProvider, ["now"], now, CancellationToken.None));
        var name = Assert.Single(Backups.List()).Name;
        Assert.Contains("integrity: ok", now.ToString(), StringComparison.Ordinal);

        var list = new StringWriter();
        Assert.Equal(0, await command.RunAsync(scope.ServiceProvider, ["list"], list, CancellationToken.None));
        Assert.Contains($"{name}\t", list.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\tok", list.ToString().TrimEnd(), StringComparison.Ordinal);

        var verify = new StringWriter();
        Assert.Equal(0, await command.RunAsync(scope.ServiceProvider, ["verify", name], verify, CancellationToken.None));
        Corrupt(Backups.Find(name)!.FullPath);
        Assert.Equal(1, await command.RunAsync(scope.ServiceProvider, ["verify", name], verify, CancellationToken.None));
        Assert.Equal(2, await command.RunAsync(scope.ServiceProvider, ["restore", name], verify, CancellationToken.None));

        await using var db = await app.CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.ObjectType == "Backup").OrderBy(a => a.Id).Select(a => new { a.Action, a.UserName, a.Outcome }).ToListAsync();
        Assert.Equal(
            [("BackupDatabase.Cli", AuditOutcome.Succeeded), ("VerifyBackup.Cli", AuditOutcome.Succeeded), ("VerifyBackup.Cli", AuditOutcome.Failed)],
            audit.Select(a => (a.Action, a.Outcome)));
        Assert.All(audit, a => Assert.Equal("cli", a.UserName));
    }

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public async Task The_scheduler_takes_a_backup_when_it_is_due_and_audits_it_as_the_system()
    {
        // A clock that reads 1.5 s before the next 02:00 Beijing time; its timers are real ones.
        var due = BackupSchedule.Next(DateTime.UtcNow, TimeSpan.FromHours(2), TimeSpan.FromDays(1));
        var clock = new ShiftedClock(due - DateTime.UtcNow - TimeSpan.FromSeconds(1.5));
        var options = Options.Create(new BackupOptions { Enabled = true, At = TimeSpan.FromHours(2), Interval = TimeSpan.FromDays(1) });
        using var scheduler = new BackupScheduler(app.Services.GetRequiredService<BackupRunner>(), clock, options,
            app.Services.GetRequiredService<OpinionResponse.Infrastructure.Leases.LeaseKeeper>(), NullLogger<BackupScheduler>.Instance);

        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                await using var db = await app.CreateDbContextAsync();
                return await db.AuditEntries.AnyAsync(a => a.Action == BackupScheduler.Action && a.UserName == BackupScheduler.Actor && a.Outcome == AuditOutcome.Succeeded);
            }, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }

        Assert.Single(Backups.List());
    }

    [SqliteTheory("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    [InlineData("2026-12-04T17:00:00", "02:00", 24, "2026-12-04T18:00:00")] // 01:00 Beijing → 02:00 the same Beijing day
    [InlineData("2026-12-04T18:00:00", "02:00", 24, "2026-12-05T18:00:00")] // exactly due → the next day
    [InlineData("2026-12-04T19:00:00", "02:00", 24, "2026-12-05T18:00:00")]
    [InlineData("2026-12-04T05:00:00", "02:00", 6, "2026-12-04T06:00:00")] // 13:00 Beijing, every 6 h from 02:00 → 14:00
    [InlineData("2026-12-04T17:00:00", "02:00", 6, "2026-12-04T18:00:00")] // 01:00 Beijing → 02:00, not skipped
    public void The_schedule_runs_at_the_Beijing_time_of_day_then_every_interval(string now, string at, int hours, string expected)
    {
        var next = BackupSchedule.Next(Utc(now), TimeSpan.Parse(at, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(hours));

        Assert.Equal(Utc(expected), next);
        Assert.Equal(DateTimeKind.Utc, next.Kind);
    }

    [SqliteFact("the in-app backup copies the SQLite file; on PostgreSQL the database server takes the backups")]
    public void The_backup_folder_may_not_be_inside_the_web_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "or-app");
        var web = Path.Combine(root, "wwwroot");

        Assert.Throws<OptionsValidationException>(() => BackupSetup.ResolveDirectory("wwwroot/backups", root, web));
        Assert.Throws<OptionsValidationException>(() => BackupSetup.ResolveDirectory(web, root, web));
        Assert.Throws<OptionsValidationException>(() => BackupSetup.ResolveDirectory("App_Data/../wwwroot/b", root, web));
        Assert.Equal(Path.Combine(root, "App_Data", "backups"), BackupSetup.ResolveDirectory("App_Data/backups", root, web));
        Assert.Equal(Path.Combine(root, "wwwroot2"), BackupSetup.ResolveDirectory("wwwroot2", root, web));
    }

    internal static async Task<int> LogItemAsync(TestApp app, string title) =>
        await app.SendAsync(DemoAccounts.Duty, new LogItem.Command
        {
            Title = title,
            Content = $"{title}，来电人反映情况。",
            Contact = "13800000000",
            SourceName = "12345热线",
        });

    /// <summary>Overwrites every page but the first with garbage: the file still opens, its b-trees are broken.</summary>
    private static void Corrupt(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(path);
        var pageSize = (bytes[16] << 8) | bytes[17];
        new Random(7).NextBytes(bytes.AsSpan(pageSize));
        File.WriteAllBytes(path, bytes);
    }

    private static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [GeneratedRegex(@"^backup-\d{8}-\d{6}Z\.db$")]
    private static partial Regex GeneratedName();

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
