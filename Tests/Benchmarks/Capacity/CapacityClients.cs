using System.Globalization;
using System.Text.Json;

namespace OpinionResponse.Benchmarks.Capacity;

/// <summary>
/// The capacity benchmark's background officers: N light circuits (<see cref="LightCircuit"/>) in a process of their own,
/// so neither their CPU nor their memory is counted as the server's. The driver (<see cref="CapacityBench"/>) starts it
/// and talks to it by lines: the first stdin line is the JSON <see cref="ClientsPlan"/>; it answers
/// <c>READY opened failed firstRenderBytesPerCircuit lastError</c> once every circuit has its first render; then each
/// <c>STATS</c> line is answered with <c>STATS bytes batches errors closed</c>, and <c>QUIT</c> (or the end of stdin)
/// closes the circuits and ends the process. Usable by hand against any running node too.
/// </summary>
[SubBenchmark("capacity-clients")]
public static class CapacityClients
{
    public static async Task<int> RunAsync(string[] args)
    {
        var line = await Console.In.ReadLineAsync();
        var plan = line is null ? null : JsonSerializer.Deserialize<ClientsPlan>(line, JsonSerializerOptions.Web);
        if (plan is null || plan.Targets.Count == 0)
        {
            Console.Error.WriteLine("capacity-clients: the first stdin line must be a plan: {\"targets\":[{\"url\":…,\"cookie\":…}],\"count\":N}");
            return 2;
        }

        var counters = new LightCounters();
        var circuits = new List<LightCircuit>();
        var failed = 0;
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
        {
            Timeout = TimeSpan.FromSeconds(120),
        };
        using var gate = new SemaphoreSlim(Math.Max(1, plan.Concurrency));
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, plan.Count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var target = plan.Targets[Interlocked.Increment(ref next) % plan.Targets.Count];
                var circuit = await LightCircuit.OpenAsync(http, target.Url, target.Cookie, plan.Path, counters, CancellationToken.None);
                lock (circuits)
                {
                    circuits.Add(circuit);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref failed);
                counters.Error(ex.Message);
            }
            finally
            {
                gate.Release();
            }
        }));

        var firstRender = circuits.Count == 0 ? 0 : circuits.Average(c => c.FirstRenderBytes);
        Console.WriteLine(FormattableString.Invariant($"READY {circuits.Count} {failed} {firstRender:0} {Flat(counters.LastError)}"));
        while (await Console.In.ReadLineAsync() is { } command && command.Trim() != "QUIT")
        {
            if (command.Trim() == "STATS")
            {
                Console.WriteLine(FormattableString.Invariant($"STATS {counters.Bytes} {counters.Batches} {counters.Errors} {counters.Closed}"));
            }
        }

        await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }

    private static string Flat(string? text) => string.IsNullOrEmpty(text) ? "-" : text.ReplaceLineEndings(" ");
}

/// <summary>Where the light circuits go: round-robin over the targets (one per node, each with its own signed-in cookie).</summary>
public sealed record ClientsPlan(IReadOnlyList<ClientTarget> Targets, int Count, string Path = "/triage", int Concurrency = 8);

public sealed record ClientTarget(string Url, string Cookie);
