using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Backup;

/// <summary>
/// One backup as the schedule, the admin page and the CLI take it: copy, check, record in the audit log, prune what is
/// older than <see cref="BackupOptions.KeepDays"/>. The audit line of a backup (object type <c>Backup</c>, the file's name,
/// the integrity result first in its detail) is its record: the admin list reads the result back from it.
/// </summary>
public sealed class BackupRunner(
    IDatabaseBackup backup,
    IDbContextFactory<OpinionDbContext> dbFactory,
    TimeProvider clock,
    IOptions<BackupOptions> options,
    ILogger<BackupRunner> logger)
{
    public const string ObjectType = "Backup";

    /// <param name="userId">The signed-in user's id when an Admin asked from the page; null for the schedule and the CLI.</param>
    public async Task<BackupResult> RunAsync(string actor, string action, CancellationToken cancellationToken, string? userId = null)
    {
        var result = await backup.CreateAsync(cancellationToken);
        var pruned = backup.Prune(clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.KeepDays));
        if (!result.IsIntact)
        {
            logger.LogError("Backup {Name} fails its integrity check: {Integrity}", result.File.Name, result.Integrity);
        }

        var detail = Describe(result, pruned);
        // Not cancelled by a shutdown that comes now: a backup on disk is always on record.
        await RecordAsync(actor, action, result.File.Name, result.IsIntact ? AuditOutcome.Succeeded : AuditOutcome.Failed, detail, CancellationToken.None, userId);
        return result;
    }

    /// <summary>Adds the audit line of a backup operation (verify, restore, a failed run) for <paramref name="actor"/>.</summary>
    public async Task RecordAsync(string actor, string action, string? backupName, AuditOutcome outcome, string detail, CancellationToken cancellationToken,
        string? userId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = userId,
            UserName = actor,
            Action = action,
            ObjectType = ObjectType,
            ObjectId = backupName,
            Outcome = outcome,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The integrity result recorded for each backup, latest first wins; read back by the admin list.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RecordedIntegrityAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ObjectType == ObjectType && a.ObjectId != null && names.Contains(a.ObjectId) && a.Detail != null && a.Detail.StartsWith(IntegrityKey))
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.ObjectId, a.Detail })
            .ToListAsync(cancellationToken);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            found.TryAdd(row.ObjectId!, ReadIntegrity(row.Detail!));
        }

        return found;
    }

    private const string IntegrityKey = "integrity=";

    /// <summary><c>integrity=ok; bytes=…; ms=…</c>: the integrity result first, so the list can read it back.</summary>
    public static string Describe(BackupResult result, IReadOnlyList<string> pruned) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{IntegrityKey}{result.Integrity.Replace(';', ',')}; bytes={result.File.Bytes}; ms={(long)result.Elapsed.TotalMilliseconds}; pruned={pruned.Count}");

    public static string DescribeVerify(string integrity) => IntegrityKey + integrity.Replace(';', ',');

    private static string ReadIntegrity(string detail)
    {
        var end = detail.IndexOf(';', StringComparison.Ordinal);
        return end < 0 ? detail[IntegrityKey.Length..] : detail[IntegrityKey.Length..end];
    }
}
