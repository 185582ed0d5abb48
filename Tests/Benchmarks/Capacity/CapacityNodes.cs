using System.Globalization;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.Benchmarks.Capacity;

/// <summary>
/// The app nodes the capacity benchmark measures: one started in this process (the default), or nodes already running
/// (<c>--nodes URL,URL</c>), e.g. two processes sharing PostgreSQL and Redis. Server CPU and managed memory are only known
/// where the benchmark can see the process.
/// </summary>
public interface ICapacityNodes : IAsyncDisposable
{
    IReadOnlyList<string> Urls { get; }

    /// <summary>An intake API key valid on every node.</summary>
    string ApiKey { get; }

    string Description { get; }

    /// <summary>Circuits the server holds now, or null where it cannot be seen.</summary>
    int? OpenCircuits { get; }

    /// <summary>CPU time used so far by the server processes, or null where it cannot be seen.</summary>
    TimeSpan? ServerCpu();

    /// <summary>The server's managed heap after full compacting collections (least of three readings), or null.</summary>
    Task<long?> SteadyHeapAsync();

    /// <summary>Waits until the server holds <paramref name="count"/> circuits (false when it did not within the time, or cannot tell).</summary>
    Task<bool> WaitForCircuitsAsync(int count, TimeSpan timeout);
}

/// <summary>
/// The real app in this process (<see cref="BenchApp"/>: Release, Kestrel on a loopback port, SQLite, the demo desk) with
/// two settings raised for the benchmark: circuits per user (the background circuits share the duty officer's session,
/// 10 by default, SECURITY.md V2) and the intake API's per-key rate (5 items/s is within the default, the warm-up is not
/// throttled either). This process then runs only the server, the Playwright driver of one tab and the item poster;
/// the background circuits are another process.
/// </summary>
public sealed class InProcessNode : ICapacityNodes
{
    private readonly BenchApp app;

    private InProcessNode(BenchApp app, string apiKey)
    {
        this.app = app;
        ApiKey = apiKey;
    }

    public IReadOnlyList<string> Urls => [app.BaseUrl];

    public string ApiKey { get; }

    public string Description => $"one node in this process on {app.BaseUrl} (Development, demo desk, SQLite {app.DatabasePath})";

    public int? OpenCircuits => app.Circuits.Open;

    public static async Task<InProcessNode> StartAsync(int maxCircuitsPerUser)
    {
        var app = new BenchApp
        {
            Settings = new Dictionary<string, string>
            {
                ["Security:MaxCircuitsPerUser"] = maxCircuitsPerUser.ToString(CultureInfo.InvariantCulture),
                ["Intake:RateLimitPerMinute"] = "100000",
            },
        };
        app.Start();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().CreateDbContextAsync();
        var (_, key) = ApiClientRegistry.Add(db, "capacity-bench", "bench", DateTime.UtcNow);
        await db.SaveChangesAsync();
        return new InProcessNode(app, key);
    }

    public TimeSpan? ServerCpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    public async Task<long?> SteadyHeapAsync()
    {
        var heap = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            heap = Math.Min(heap, GC.GetTotalMemory(forceFullCollection: true));
        }

        return heap;
    }

    public Task<bool> WaitForCircuitsAsync(int count, TimeSpan timeout) => app.Circuits.WaitForAsync(count, timeout);

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

/// <summary>
/// Nodes started by someone else (<c>--nodes</c>), e.g. two app processes on PostgreSQL + Redis. Each must allow the
/// background circuits (<c>Security:MaxCircuitsPerUser</c> at least the circuits per node plus a few) and accept the API
/// key. With <c>--node-pids</c> (processes on this machine) their CPU time is read from /proc; their memory is not
/// measured (read it from the nodes' own metrics).
/// </summary>
public sealed class ExternalNodes(IReadOnlyList<string> urls, string apiKey, IReadOnlyList<int> pids) : ICapacityNodes
{
    public IReadOnlyList<string> Urls => urls;

    public string ApiKey => apiKey;

    public string Description => $"{urls.Count} running node(s): {string.Join(", ", urls)}" + (pids.Count > 0 ? $" (pids {string.Join(", ", pids)})" : "");

    public int? OpenCircuits => null;

    public TimeSpan? ServerCpu() => pids.Count == 0 ? null : TimeSpan.FromMilliseconds(pids.Sum(ProcessCpuMs));

    public Task<long?> SteadyHeapAsync() => Task.FromResult<long?>(null);

    public async Task<bool> WaitForCircuitsAsync(int count, TimeSpan timeout)
    {
        // A closed circuit is kept for the node's disconnected-circuit retention; without a view of the node, a pause.
        await Task.Delay(TimeSpan.FromSeconds(5));
        return false;
    }

    /// <summary>utime + stime of a process (ms), from /proc/PID/stat.</summary>
    private static double ProcessCpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
