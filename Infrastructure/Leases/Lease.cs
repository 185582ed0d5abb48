using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.Infrastructure.Leases;

/// <summary>
/// The right of one node to do a piece of work that must happen once however many app processes share the database
/// (docs/operations.md, "Work done once"). A row per piece of work; whoever it names until <see cref="ExpiresAt"/> does it.
/// </summary>
public sealed class Lease
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The <see cref="NodeIdentity"/> of the node that holds it (or last held it, once released or expired).</summary>
    public string Holder { get; set; } = string.Empty;

    /// <summary>UTC. After this, any node may take it.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>
    /// The fencing token: raised each time the lease changes hands, never on a renewal. A write that must come from the
    /// holder names the token it was given, so a node that stalled past its lease (a long pause, a frozen VM) and
    /// wakes up believing it still holds it is refused instead of overwriting its successor's work.
    /// </summary>
    public long Version { get; set; }
}

/// <summary>The pieces of work behind a lease, one name each.</summary>
public static class LeaseNames
{
    public const string ClockWatcher = "clock-watcher";
    public const string FeedPoller = "feed-poller";
    public const string ScheduledBackup = "scheduled-backup";
    public const string AuditSealer = "audit-sealer";
    public const string IntakeStages = "intake-stages";
}

/// <summary>
/// This process among the app's nodes: machine, process id and a random part (two hosts in one process, as the tests
/// start them, or a process id reused after a restart, still differ). In the logs and on /health/ready.
/// </summary>
public sealed class NodeIdentity
{
    public NodeIdentity()
    {
        var machine = Environment.MachineName;
        Id = $"{(machine.Length > 100 ? machine[..100] : machine)}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
    }

    public string Id { get; }

    public override string ToString() => Id;
}

public sealed class LeaseOptions
{
    public const string Section = "Leases";

    /// <summary>How long a lease lasts without renewal: the longest a dead node's work waits for another node (plus a third).</summary>
    public int Seconds { get; set; } = 30;
}

/// <param name="Token">The fencing token (<see cref="Lease.Version"/>).</param>
public sealed record LeaseGrant(string Name, long Token, DateTime ExpiresAt);

/// <summary>
/// Leases in the database with plain EF statements any provider runs (a conditional UPDATE, an INSERT the primary key
/// guards): no SQLite- or PostgreSQL-only SQL, so the same code serves both.
/// </summary>
public sealed class DatabaseLeases(IDbContextFactory<OpinionDbContext> dbFactory, IntakeWriteGate writeGate, NodeIdentity node, TimeProvider time)
{
    /// <summary>What a released lease expires at: before any node's clock, so the next node takes it at once.</summary>
    private static readonly DateTime Released = DateTime.UnixEpoch;

    public string Node => node.Id;

    /// <summary>
    /// Takes <paramref name="name"/> for <paramref name="duration"/> when it is free, expired or already this node's
    /// (a renewal), else null. Taking it from another node raises the fencing token; renewing keeps it.
    /// </summary>
    public async Task<LeaseGrant?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var me = node.Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The stages' and the sealer's turn: a renewal never makes an intake acknowledgement wait in SQLite's busy handler.
        using (await writeGate.EnterAsync(cancellationToken))
        {
            // One statement decides: the database serialises two nodes' updates of the row, and only the first finds it
            // expired (every SET expression reads the row as it was, so the token goes up only on a change of hands).
            var taken = await db.Leases.Where(l => l.Name == name && (l.Holder == me || l.ExpiresAt < now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Version, l => l.Holder == me ? l.Version : l.Version + 1)
                    .SetProperty(l => l.Holder, me)
                    .SetProperty(l => l.ExpiresAt, until), cancellationToken);
            if (taken == 0)
            {
                if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
                {
                    return null;
                }

                db.Leases.Add(new Lease { Name = name, Holder = me, ExpiresAt = until, Version = 1 });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another node inserted the row first: the primary key refused ours, and the lease is theirs.
                    return null;
                }

                return new LeaseGrant(name, 1, until);
            }
        }

        var token = await db.Leases.AsNoTracking().Where(l => l.Name == name && l.Holder == me)
            .Select(l => (long?)l.Version).SingleOrDefaultAsync(cancellationToken);
        return token is { } t ? new LeaseGrant(name, t, until) : null;
    }

    /// <summary>Gives <paramref name="name"/> up if this node holds it, so another node need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        var me = node.Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.Leases.Where(l => l.Name == name && l.Holder == me)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, Released), cancellationToken);
        }
    }

    /// <summary>Every lease as stored (for /health/ready and the operators).</summary>
    public async Task<List<Lease>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Leases.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancellationToken);
    }
}
