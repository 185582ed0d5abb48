using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Leases;

namespace OpinionResponse.Infrastructure.Backup;

/// <summary>
/// Takes the scheduled backups (by default daily at 02:00 Beijing time). A failed run is logged and audited, never fatal.
/// With several nodes on one database only the holder of the <see cref="LeaseNames.ScheduledBackup"/> lease takes it.
/// </summary>
public sealed class BackupScheduler(BackupRunner runner, TimeProvider clock, IOptions<BackupOptions> options, LeaseKeeper leases,
    ILogger<BackupScheduler> logger)
    : BackgroundService
{
    public const string Actor = "system";
    public const string Action = "BackupDatabase.Scheduled";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = BackupSchedule.Next(now, settings.At, settings.Interval);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                if (!await leases.HoldAsync(LeaseNames.ScheduledBackup, stoppingToken))
                {
                    logger.LogInformation("Scheduled backup left to node holding the lease (this node: {Node})", leases.Node);
                    continue;
                }

                var result = await runner.RunAsync(Actor, Action, stoppingToken);
                logger.LogInformation("Scheduled backup {Name}: {Bytes} bytes in {Elapsed} ms, integrity {Integrity}",
                    result.File.Name, result.File.Bytes, (long)result.Elapsed.TotalMilliseconds, result.Integrity);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The scheduled backup failed");
                try
                {
                    await runner.RecordAsync(Actor, Action, null, AuditOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}", stoppingToken);
                }
                catch (Exception auditError) when (auditError is not OperationCanceledException)
                {
                    logger.LogError(auditError, "Could not audit the failed backup");
                }
            }
        }
    }
}
