using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Clocks;

/// <summary>
/// The clock policy's versions over the configured defaults ("Sla" in appsettings.json), read once and kept: every chip,
/// list and the watcher asks it which durations a clock that started at a moment follows. A save in this process
/// reloads it at once; the watcher reloads it every round, so a version saved by another process arrives within one.
/// </summary>
public sealed class ClockPolicies(IDbContextFactory<OpinionDbContext> dbFactory, IOptions<SlaPolicy> defaults)
{
    private volatile ClockPolicyHistory? history;

    /// <summary>The versions as last read (read now, synchronously, the first time).</summary>
    public ClockPolicyHistory History => history ??= Read();

    /// <summary>The policy a case opened at <paramref name="caseCreatedAt"/> keeps for all its clocks.</summary>
    public SlaPolicy ForCase(DateTime caseCreatedAt) => History.At(caseCreatedAt);

    public async Task<ClockPolicyHistory> ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.ClockPolicyVersions.AsNoTracking().ToListAsync(cancellationToken);
        return history = new ClockPolicyHistory(defaults.Value, saved);
    }

    private ClockPolicyHistory Read()
    {
        using var db = dbFactory.CreateDbContext();
        return new ClockPolicyHistory(defaults.Value, db.ClockPolicyVersions.AsNoTracking().ToList());
    }
}
