using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Leases;

namespace OpinionResponse.Infrastructure.Audit;

/// <summary>
/// Seals new audit rows into the hash chain shortly after they commit, on one task, so that no write path pays for the
/// chain or waits for a chain lock (docs/adr/0004-audit-hash-chain.md). It takes the intake writer's turn for its short
/// write, like the intake stages, so it never makes an acknowledgement wait in SQLite's busy handler. With several
/// nodes only the holder of the <see cref="LeaseNames.AuditSealer"/> lease seals: two sealers would race for each link.
/// </summary>
public sealed class AuditSealer(
    IDbContextFactory<OpinionDbContext> dbFactory,
    IntakeWriteGate writeGate,
    LeaseKeeper leases,
    ILogger<AuditSealer> logger) : BackgroundService
{
    /// <summary>The longest a committed row stays unsealed while the app runs (the tamper window the ADR weighs).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private const int MaxPerTurn = 500;

    /// <summary>Seals whatever is waiting now (also used by the CLI and the tests).</summary>
    public async Task SealNowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            int sealedRows;
            using (await writeGate.EnterAsync(cancellationToken))
            {
                sealedRows = await AuditChain.SealAsync(db, MaxPerTurn, cancellationToken);
            }

            if (sealedRows < MaxPerTurn)
            {
                return;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                if (await leases.HoldAsync(LeaseNames.AuditSealer, stoppingToken))
                {
                    await SealNowAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The rows stay committed; the next turn seals them. The verifier reports them as waiting meanwhile.
                logger.LogWarning(ex, "Sealing the audit log failed; retrying in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
