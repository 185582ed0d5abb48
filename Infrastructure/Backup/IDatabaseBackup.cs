namespace OpinionResponse.Infrastructure.Backup;

/// <summary>One backup file in the backup directory.</summary>
/// <param name="TakenAt">UTC, from the generated file name (the moment the copy began).</param>
public sealed record BackupFile(string Name, string FullPath, long Bytes, DateTime TakenAt);

/// <summary>What a backup and its integrity check found.</summary>
/// <param name="Integrity"><c>ok</c>, or the first problems <c>PRAGMA integrity_check</c> reported on the copy.</param>
public sealed record BackupResult(BackupFile File, string Integrity, TimeSpan Elapsed)
{
    public bool IsIntact => Integrity == SqliteDatabaseBackup.IntegrityOk;
}

/// <summary>
/// Online backup of the live database, and restore. Kept behind this interface because it is the database's own job:
/// on SQLite the app copies its file through the backup API; on PostgreSQL it would be <c>pg_dump</c>/<c>pg_restore</c>
/// (or the server's base backups) run by the operator's tooling, and this would only list and verify their dumps.
/// </summary>
public interface IDatabaseBackup
{
    /// <summary>The folder backups are written to (never under wwwroot).</summary>
    string Directory { get; }

    /// <summary>True when the database server takes the backups and the app none (<see cref="DatabaseServerBackup"/>).</summary>
    bool TakenByDatabaseServer => false;

    /// <summary>Copies the live database as one consistent snapshot while the app keeps writing, then checks the copy.</summary>
    Task<BackupResult> CreateAsync(CancellationToken cancellationToken);

    /// <summary>The backups in <see cref="Directory"/>, newest first.</summary>
    IReadOnlyList<BackupFile> List();

    /// <summary>A backup by its file name (no paths: names are generated, never taken from a user).</summary>
    BackupFile? Find(string name);

    /// <summary><c>ok</c>, or what <c>PRAGMA integrity_check</c> reports about <paramref name="path"/>.</summary>
    Task<string> VerifyAsync(string path, CancellationToken cancellationToken);

    /// <summary>Deletes backups taken before <paramref name="olderThanUtc"/>; returns their names.</summary>
    IReadOnlyList<string> Prune(DateTime olderThanUtc);

    /// <summary>
    /// Writes the database of <paramref name="backupPath"/> to <paramref name="targetPath"/> after checking it. A file
    /// already at the target (and its WAL) is kept beside it as <c>.replaced-…</c>. Refused while an app runs on the target.
    /// </summary>
    Task<RestoreResult> RestoreAsync(string backupPath, string targetPath, CancellationToken cancellationToken);
}

/// <param name="ReplacedPath">Where the file that was at the target now is, or null when there was none.</param>
public sealed record RestoreResult(string TargetPath, string? ReplacedPath);

/// <summary>A backup or restore that must not go ahead (a damaged backup, a running app on the target).</summary>
public sealed class BackupRefusedException(string message) : Exception(message);
