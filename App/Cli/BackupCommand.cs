using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Backup;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Cli;

/// <summary>
/// <c>backup now</c>, <c>backup list</c>, <c>backup verify FILE</c>, <c>backup restore FILE --to DATABASE</c>: the same
/// backups as the schedule and the admin page, for the operator's shell. A restore is refused while an app serves the
/// target database (stop → restore → start); each operation is audited as "cli".
/// </summary>
public sealed class BackupCommand : ICliCommand
{
    private const string Actor = "cli";

    public string Name => "backup";

    public string Usage => "backup now | backup list | backup verify <file> | backup restore <file> --to <database-file>";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var backup = services.GetRequiredService<IDatabaseBackup>();
        var runner = services.GetRequiredService<BackupRunner>();
        try
        {
            switch (args)
            {
                case ["now"]:
                    var result = await runner.RunAsync(Actor, "BackupDatabase.Cli", cancellationToken);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{result.File.FullPath}\t{result.File.Bytes} bytes\t{(long)result.Elapsed.TotalMilliseconds} ms\tintegrity: {result.Integrity}"));
                    return result.IsIntact ? 0 : 1;
                case ["list"]:
                    var files = backup.List();
                    var integrity = await runner.RecordedIntegrityAsync(files.Select(f => f.Name).ToList(), cancellationToken);
                    await output.WriteLineAsync("name\ttaken (UTC)\tbytes\tintegrity");
                    foreach (var file in files)
                    {
                        await output.WriteLineAsync(string.Join('\t', file.Name,
                            file.TakenAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                            file.Bytes.ToString(CultureInfo.InvariantCulture), integrity.GetValueOrDefault(file.Name) ?? "-"));
                    }

                    await Console.Error.WriteLineAsync($"{files.Count} backups in {backup.Directory}");
                    return 0;
                case ["verify", var name]:
                    var path = Locate(backup, name);
                    var found = await backup.VerifyAsync(path, cancellationToken);
                    await runner.RecordAsync(Actor, "VerifyBackup.Cli", Path.GetFileName(path),
                        found == SqliteDatabaseBackup.IntegrityOk ? AuditOutcome.Succeeded : AuditOutcome.Failed, BackupRunner.DescribeVerify(found), cancellationToken);
                    await output.WriteLineAsync($"{path}\tintegrity: {found}");
                    return found == SqliteDatabaseBackup.IntegrityOk ? 0 : 1;
                case ["restore", var name, "--to", var target] when !string.IsNullOrWhiteSpace(target):
                    return await RestoreAsync(services, backup, runner, Locate(backup, name), target, output, cancellationToken);
                default:
                    await Console.Error.WriteLineAsync($"Usage: {Usage}");
                    return 2;
            }
        }
        catch (BackupRefusedException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return 1;
        }
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, IDatabaseBackup backup, BackupRunner runner, string source, string target,
        TextWriter output, CancellationToken cancellationToken)
    {
        // This command's own connections to the configured database are closed first: it may be the target.
        await using (var db = await services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        var restored = await backup.RestoreAsync(source, target, cancellationToken);
        // Audited in the configured database: when that is the target, the line lands in the restored file itself.
        await runner.RecordAsync(Actor, "RestoreBackup.Cli", Path.GetFileName(source), AuditOutcome.Succeeded,
            $"to={restored.TargetPath}; replaced={restored.ReplacedPath ?? "-"}", cancellationToken);
        await output.WriteLineAsync($"Restored {source} to {restored.TargetPath}.");
        if (restored.ReplacedPath is not null)
        {
            await output.WriteLineAsync($"The file that was there is kept as {restored.ReplacedPath}.");
        }

        return 0;
    }

    /// <summary>A backup's name in the backup folder, or a path to a file elsewhere (a copy brought back from off-site).</summary>
    private static string Locate(IDatabaseBackup backup, string name) =>
        backup.Find(name)?.FullPath ?? (File.Exists(name) ? Path.GetFullPath(name) : throw new BackupRefusedException($"No backup named {name} in {backup.Directory}, and no file at that path."));
}
