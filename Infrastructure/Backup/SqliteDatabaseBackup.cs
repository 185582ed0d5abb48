using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace OpinionResponse.Infrastructure.Backup;

/// <summary>
/// SQLite's online backup API (never a file copy: a copied file can catch a page half-written, and misses what is still
/// in the WAL). The copy reads one snapshot in a single step; in WAL mode a reader does not block the writer, so intake
/// keeps committing while the pages are copied. The copy is switched to a rollback journal so it is one self-contained
/// file, then checked with <c>PRAGMA integrity_check</c> before it takes its final name.
/// </summary>
public sealed partial class SqliteDatabaseBackup(string databasePath, string directory, TimeProvider clock) : IDatabaseBackup
{
    public const string IntegrityOk = "ok";

    private const string Prefix = "backup-";
    private const string StampFormat = "yyyyMMdd-HHmmss";

    /// <summary>One backup at a time: two at once would only double the I/O and could take the same name.</summary>
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public string Directory { get; } = directory;

    public string DatabasePath { get; } = databasePath;

    public async Task<BackupResult> CreateAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var takenAt = clock.GetUtcNow().UtcDateTime;
            var name = FreeName(takenAt);
            var final = Path.Combine(Directory, name);
            var partial = final + ".partial";
            var started = Stopwatch.GetTimestamp();
            try
            {
                await Task.Run(() => Copy(DatabasePath, partial), cancellationToken);
                var integrity = await VerifyAsync(partial, cancellationToken);
                File.Move(partial, final);
                var file = new BackupFile(name, final, new FileInfo(final).Length, takenAt);
                return new BackupResult(file, integrity, Stopwatch.GetElapsedTime(started));
            }
            finally
            {
                DeleteQuietly(partial);
                DeleteQuietly(partial + "-journal");
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public IReadOnlyList<BackupFile> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory, Prefix + "*.db")
            .Select(path => ToBackupFile(path))
            .OfType<BackupFile>()
            .OrderByDescending(f => f.TakenAt)
            .ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    public BackupFile? Find(string name) =>
        NamePattern().IsMatch(name) ? ToBackupFile(Path.Combine(Directory, name)) : null;

    public Task<string> VerifyAsync(string path, CancellationToken cancellationToken) => Task.Run(() =>
    {
        if (!File.Exists(path))
        {
            throw new BackupRefusedException($"No file at {path}.");
        }

        try
        {
            // Read-only: checking a backup must never change it (nor create a journal beside it).
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read() && lines.Count < 20)
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("; ", lines);
        }
        catch (SqliteException ex)
        {
            // A file damaged badly enough (a bad header, not a database) fails before the check can list problems.
            return ex.Message;
        }
    }, cancellationToken);

    public IReadOnlyList<string> Prune(DateTime olderThanUtc)
    {
        var pruned = new List<string>();
        foreach (var file in List().Where(f => f.TakenAt < olderThanUtc))
        {
            File.Delete(file.FullPath);
            pruned.Add(file.Name);
        }

        return pruned;
    }

    public async Task<RestoreResult> RestoreAsync(string backupPath, string targetPath, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(targetPath);
        var integrity = await VerifyAsync(backupPath, cancellationToken);
        if (integrity != IntegrityOk)
        {
            throw new BackupRefusedException($"The backup {Path.GetFileName(backupPath)} fails its integrity check: {integrity}");
        }

        // Held for the whole restore: an app starting on the target meanwhile finds it taken.
        using var running = LiveDatabaseLock.TryHold(target)
            ?? throw new BackupRefusedException($"An app is running on {target}: stop it, restore, then start it again.");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var incoming = target + ".restoring";
        DeleteQuietly(incoming);
        try
        {
            await Task.Run(() => Copy(backupPath, incoming), cancellationToken);
            var copied = await VerifyAsync(incoming, cancellationToken);
            if (copied != IntegrityOk)
            {
                throw new BackupRefusedException($"The restored copy fails its integrity check: {copied}");
            }

            SqliteConnection.ClearAllPools();
            string? replaced = null;
            if (File.Exists(target))
            {
                // The old file is kept, with its WAL and shared memory under the matching names, so it still opens whole.
                replaced = $"{target}.replaced-{clock.GetUtcNow().UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}Z";
                File.Move(target, replaced);
                MoveIfPresent(target + "-wal", replaced + "-wal");
                MoveIfPresent(target + "-shm", replaced + "-shm");
            }
            else
            {
                // A stray WAL would be replayed over the restored pages.
                DeleteQuietly(target + "-wal");
                DeleteQuietly(target + "-shm");
            }

            File.Move(incoming, target);
            return new RestoreResult(target, replaced);
        }
        finally
        {
            DeleteQuietly(incoming);
            DeleteQuietly(incoming + "-journal");
        }
    }

    private static void Copy(string sourcePath, string destinationPath)
    {
        using var source = Open(sourcePath, SqliteOpenMode.ReadWrite);
        using var destination = Open(destinationPath, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(destination);
        using var command = destination.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE";
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000";
        command.ExecuteNonQuery();
        return connection;
    }

    private string FreeName(DateTime takenAt)
    {
        var stem = Prefix + takenAt.ToString(StampFormat, CultureInfo.InvariantCulture) + "Z";
        var name = stem + ".db";
        for (var n = 2; File.Exists(Path.Combine(Directory, name)); n++)
        {
            name = $"{stem}-{n}.db";
        }

        return name;
    }

    private static BackupFile? ToBackupFile(string path)
    {
        var name = Path.GetFileName(path);
        var match = NamePattern().Match(name);
        if (!match.Success || !File.Exists(path))
        {
            return null;
        }

        var takenAt = DateTime.SpecifyKind(
            DateTime.ParseExact(match.Groups["stamp"].Value, StampFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        return new BackupFile(name, path, new FileInfo(path).Length, takenAt);
    }

    private static void MoveIfPresent(string from, string to)
    {
        if (File.Exists(from))
        {
            File.Move(from, to);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind: a later backup or restore ignores it (it never matches a backup's name).
        }
    }

    [GeneratedRegex(@"^backup-(?<stamp>\d{8}-\d{6})Z(-\d+)?\.db$")]
    private static partial Regex NamePattern();
}
