using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpinionResponse.Infrastructure.Leases;

/// <summary>
/// Holds this node's leases: a background job asks <see cref="HoldAsync"/> before each round and works only when it
/// answers true. The keeper renews every lease a job has asked for at a third of the lease time (so a renewal can fail
/// twice before the lease runs out), tries again for the ones another node holds (taking over within a third of the
/// lease time after they expire), and releases them when the app stops. Driven by <see cref="TimeProvider"/>, so tests
/// move time past an expiry instead of waiting for it.
/// </summary>
public sealed class LeaseKeeper(DatabaseLeases store, TimeProvider time, IOptions<LeaseOptions> options, ILogger<LeaseKeeper> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Held?> leases = new();
    private readonly SemaphoreSlim renewing = new(1, 1);

    public string Node => store.Node;

    public TimeSpan Duration => TimeSpan.FromSeconds(Math.Max(3, options.Value.Seconds));

    private TimeSpan RenewEvery => Duration / 3;

    /// <summary>
    /// Whether this node holds <paramref name="name"/> now. Answered from memory while the last renewal is younger than a
    /// third of the lease time (a job that looks every second costs no write); else renewed (or taken) first. The first
    /// call for a name also makes the keeper keep it from then on.
    /// </summary>
    public async Task<bool> HoldAsync(string name, CancellationToken cancellationToken)
    {
        if (leases.GetOrAdd(name, (Held?)null) is { } held && Fresh(held))
        {
            return true;
        }

        return await RenewAsync(name, cancellationToken);
    }

    /// <summary>The fencing token of <paramref name="name"/> while this node holds it, else null.</summary>
    public long? Token(string name) => leases.TryGetValue(name, out var held) && held is not null ? held.Token : null;

    /// <summary>The names this node holds now.</summary>
    public IReadOnlyList<string> HeldNames() => leases.Where(l => l.Value is not null).Select(l => l.Key).Order().ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Node {Node} started; leases last {Seconds} s", Node, (int)Duration.TotalSeconds);
        using var timer = new PeriodicTimer(RenewEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var name in leases.Keys)
                {
                    await RenewAsync(name, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync releases what is held.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var name in HeldNames())
        {
            leases[name] = null;
            try
            {
                await store.ReleaseAsync(name, cancellationToken);
                logger.LogInformation("Node {Node} released lease {Lease}", Node, name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // It expires by itself: the next node waits one lease time longer.
                logger.LogWarning(ex, "Node {Node} could not release lease {Lease}", Node, name);
            }
        }
    }

    private async Task<bool> RenewAsync(string name, CancellationToken cancellationToken)
    {
        await renewing.WaitAsync(cancellationToken);
        try
        {
            leases.TryGetValue(name, out var before);
            if (before is not null && Fresh(before))
            {
                // Renewed by another caller while this one waited.
                return true;
            }

            LeaseGrant? grant;
            try
            {
                grant = await store.TryAcquireAsync(name, Duration, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database did not answer: a lease renewed less than two thirds of its time ago is still ours (the
                // others wait for its expiry); an older one is given up before another node may take it.
                var keep = before is not null && Age(before) < Duration * 2 / 3;
                logger.LogWarning(ex, "Node {Node} could not renew lease {Lease}; {Keeping}", Node, name, keep ? "still within it" : "giving it up");
                if (!keep)
                {
                    leases[name] = null;
                }

                return keep;
            }

            leases[name] = grant is null ? null : new Held(grant.Token, time.GetUtcNow());
            if (grant is not null && before?.Token != grant.Token)
            {
                logger.LogInformation("Node {Node} holds lease {Lease} (token {Token})", Node, name, grant.Token);
            }
            else if (grant is null && before is not null)
            {
                logger.LogWarning("Node {Node} lost lease {Lease} to another node", Node, name);
            }

            return grant is not null;
        }
        finally
        {
            renewing.Release();
        }
    }

    private TimeSpan Age(Held held) => time.GetUtcNow() - held.RenewedAt;

    /// <summary>Renewed less than a third of the lease time ago (a clock set back counts as stale: renew to be sure).</summary>
    private bool Fresh(Held held) => Age(held) is var age && age >= TimeSpan.Zero && age < RenewEvery;

    /// <param name="RenewedAt">This node's clock when the lease was last taken or renewed.</param>
    private sealed record Held(long Token, DateTimeOffset RenewedAt);
}

public static class LeaseSetup
{
    /// <summary>The node's identity, the leases and their keeper. Registered before the jobs, so it stops after them.</summary>
    public static IServiceCollection AddLeases(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LeaseOptions>(configuration.GetSection(LeaseOptions.Section));
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<DatabaseLeases>();
        services.AddSingleton<LeaseKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaseKeeper>());
        return services;
    }
}
