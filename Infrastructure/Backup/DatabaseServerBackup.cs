using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpinionResponse.Infrastructure.Backup;

/// <summary>
/// The backup on PostgreSQL, where the database server is the one to back up: the app takes no copy of its own (its
/// backup is SQLite's file copy) and says so wherever a backup is asked for — the admin page, the command line, the
/// log. docs/deploy.md ("PostgreSQL") shows pg_dump and continuous archiving.
/// </summary>
public sealed class DatabaseServerBackup : IDatabaseBackup
{
    public const string Explanation =
        "On PostgreSQL the database server takes the backups (pg_dump, or base backups with WAL archiving: docs/deploy.md); " +
        "the app takes none of its own.";

    public string Directory => string.Empty;

    public bool TakenByDatabaseServer => true;

    public Task<BackupResult> CreateAsync(CancellationToken cancellationToken) => throw new BackupRefusedException(Explanation);

    public IReadOnlyList<BackupFile> List() => [];

    public BackupFile? Find(string name) => null;

    public Task<string> VerifyAsync(string path, CancellationToken cancellationToken) => throw new BackupRefusedException(Explanation);

    public IReadOnlyList<string> Prune(DateTime olderThanUtc) => [];

    public Task<RestoreResult> RestoreAsync(string backupPath, string targetPath, CancellationToken cancellationToken) =>
        throw new BackupRefusedException(Explanation);
}

/// <summary>Says at start-up, once, that this app takes no backups: an operator reading the log learns it before needing one.</summary>
public sealed class DatabaseServerBackupNotice(ILogger<DatabaseServerBackupNotice> logger, Microsoft.Extensions.Options.IOptions<BackupOptions> options)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("{Explanation} Backup:Enabled={Enabled} is ignored.", DatabaseServerBackup.Explanation, options.Value.Enabled);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
