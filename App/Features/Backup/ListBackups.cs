using Mediator;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Infrastructure.Backup;

namespace OpinionResponse.App.Features.Backup;

/// <summary>The backups on disk, newest first, each with the integrity result recorded when it was taken (or last verified).</summary>
[RequiresPermission(Permission.Administer)]
public static class ListBackups
{
    public sealed record Query : IQuery<Listing>;

    /// <param name="Integrity"><c>ok</c>, what the check found, or null when no check is on record (a file put there by hand).</param>
    public sealed record Row(string Name, DateTime TakenAt, long Bytes, string? Integrity)
    {
        public bool IsIntact => Integrity == SqliteDatabaseBackup.IntegrityOk;
    }

    public sealed record Listing(IReadOnlyList<Row> Rows, string Directory, TimeSpan At, TimeSpan Interval, int KeepDays, bool Scheduled,
        bool TakenByDatabaseServer = false);

    public sealed class Handler(IDatabaseBackup backup, BackupRunner runner, Microsoft.Extensions.Options.IOptions<BackupOptions> options)
        : IQueryHandler<Query, Listing>
    {
        public async ValueTask<Listing> Handle(Query query, CancellationToken cancellationToken)
        {
            var files = backup.List();
            var integrity = await runner.RecordedIntegrityAsync(files.Select(f => f.Name).ToList(), cancellationToken);
            var rows = files.Select(f => new Row(f.Name, f.TakenAt, f.Bytes, integrity.GetValueOrDefault(f.Name))).ToList();
            var settings = options.Value;
            return new Listing(rows, backup.Directory, settings.At, settings.Interval, settings.KeepDays,
                settings.Enabled && !backup.TakenByDatabaseServer, backup.TakenByDatabaseServer);
        }
    }
}
