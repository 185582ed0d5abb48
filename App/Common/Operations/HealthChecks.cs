using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Leases;

namespace OpinionResponse.App.Common.Operations;

/// <summary>The database answers a query of the app's schema (not just opens: SQLite creates a missing file on open).</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<OpinionDbContext> dbFactory) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(timeout.Token);
            var applied = (await db.Database.GetAppliedMigrationsAsync(timeout.Token)).Count();
            var known = db.Database.GetMigrations().Count();
            return applied >= known
                ? HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["migrations"] = applied })
                : HealthCheckResult.Unhealthy($"{known - applied} migrations not applied");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The database did not answer ({ex.GetType().Name})");
        }
    }
}

/// <summary>
/// The intake keeps up: submissions are not piling up at the writer (full, callers wait: unhealthy; four fifths: degraded)
/// and the grouping stages are not far behind the commits (degraded: items arrive, suggestions come late).
/// </summary>
public sealed class IntakeHealthCheck(BatchingItemIntake intake, IntakeStages stages, IOptionsMonitor<OperationsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = intake.Waiting;
        var capacity = intake.QueueCapacity;
        var backlog = stages.StageBacklog;
        var data = new Dictionary<string, object> { ["queueDepth"] = waiting, ["queueCapacity"] = capacity, ["stageBacklog"] = backlog };
        var result = waiting >= capacity
            ? HealthCheckResult.Unhealthy("The intake queue is full", data: data)
            : waiting * 5 >= capacity * 4
                ? HealthCheckResult.Degraded("The intake queue is filling", data: data)
                : backlog > options.CurrentValue.StageBacklogWarning
                    ? HealthCheckResult.Degraded("The grouping stages are behind", data: data)
                    : HealthCheckResult.Healthy(data: data);
        return Task.FromResult(result);
    }
}

/// <summary>
/// Which node this is and who does the work that happens once (docs/operations.md, "Work done once"): per lease, its
/// holder and until when. Informational: a node that holds nothing serves users as well as one that holds everything.
/// </summary>
public sealed class LeaseHealthCheck(LeaseKeeper keeper, DatabaseLeases leases, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["node"] = keeper.Node, ["holds"] = string.Join(',', keeper.HeldNames()) };
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var lease in await leases.ListAsync(cancellationToken))
            {
                data[$"lease:{lease.Name}"] = lease.ExpiresAt > now
                    ? $"{lease.Holder} until {lease.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)} (token {lease.Version})"
                    : $"free (last {lease.Holder}, token {lease.Version})";
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database check reports the database; this one only has less to say.
            data["leases"] = $"unread ({ex.GetType().Name})";
        }

        return HealthCheckResult.Healthy($"Node {keeper.Node}", data);
    }
}

/// <summary>
/// Redis links this node's live events with the other nodes' (Live:Provider = Redis). Without it the node still serves
/// its own users correctly, only not live with the other nodes': degraded, not unhealthy, so that a Redis outage does not
/// take every node out of the load balancer at once.
/// </summary>
public sealed class RedisHealthCheck(OpinionResponse.Infrastructure.Live.RedisLiveEventHub hub) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["connected"] = hub.IsConnected, ["node"] = hub.NodeId };
        return Task.FromResult(hub.IsConnected
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded("Redis is unreachable: live events reach only this node's users", data: data));
    }
}
