using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Benchmarks.Capacity;

/// <summary>
/// How many officers one node carries (docs/benchmarks-capacity.md): one watched Chromium tab on /triage plus N
/// background circuits on /triage held by light clients (<see cref="LightCircuit"/>, in a process of their own), items
/// posted through the intake API at a steady rate, for each N of the run (0 first: the baseline of the same run).
/// Per N: posted → visible in the watched tab (p50/p95), server CPU per item per circuit, managed memory per circuit,
/// render bytes per item per circuit; and the knee, the first N whose p95 passes 250 ms.
/// Progress goes to stderr; stdout gets the table and one JSON line.
/// </summary>
[SubBenchmark("capacity")]
public static class CapacityBench
{
    private const string Triage = "/triage";
    private const double TargetP95Ms = 250;
    private const double TargetKbPerCircuit = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        if (CapacityOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(CapacityOptions.Usage);
            return args.Contains("--help") ? 0 : 2;
        }

        using var limit = new Timer(_ =>
        {
            Console.Error.WriteLine($"The capacity benchmark ran past its {options.TimeLimitMinutes} minute limit and stops.");
            Environment.Exit(3);
        }, null, TimeSpan.FromMinutes(options.TimeLimitMinutes), Timeout.InfiniteTimeSpan);

        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var clock = Stopwatch.StartNew();
        void Progress(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {message}");
        Progress($"Options: {options}");

        var levels = new List<Level>();
        await using (ICapacityNodes nodes = options.Nodes.Count == 0
            ? await InProcessNode.StartAsync(options.Circuits.Max() + options.Warmup + 20)
            : new ExternalNodes(options.Nodes, options.ApiKey!, options.NodePids))
        {
            Progress($"Nodes: {nodes.Description}");
            var cookies = new List<string>();
            BenchBrowser? watchedBrowser = null;
            try
            {
                foreach (var url in nodes.Urls)
                {
                    var browser = await BenchBrowser.LaunchAsync(url);
                    await browser.SignInAsync(options.User, options.Password);
                    cookies.Add(browser.CookieHeader());
                    if (watchedBrowser is null)
                    {
                        watchedBrowser = browser;
                    }
                    else
                    {
                        await browser.DisposeAsync();
                    }
                }

                var context = await watchedBrowser!.NewContextAsync();
                var page = await context.NewPageAsync();
                await BenchBrowser.OpenAsync(page, Triage);
                Progress($"Watched tab on {nodes.Urls[0]}{Triage}, signed in as {options.User}");

                using var poster = new ItemPoster(nodes.Urls, nodes.ApiKey);
                var targets = nodes.Urls.Select((url, i) => new ClientTarget(url, cookies[i])).ToList();

                // Not counted: JIT, first renders, the process's pools grown by the first circuits and items.
                Progress($"Warm-up: {options.Warmup} light circuits, {options.Warmup / 2} items");
                await using (var warm = await ClientsProcess.StartAsync(new ClientsPlan(targets, options.Warmup), TimeSpan.FromMinutes(2)))
                {
                    Progress($"  {warm.Opened} opened, {warm.Failed} failed, first render {warm.FirstRenderBytes / 1024:0.0} KB each{(warm.LastError is null ? "" : $"; last error: {warm.LastError}")}");
                    if (warm.Opened == 0)
                    {
                        throw new InvalidOperationException($"No light circuit could be opened: {warm.LastError}");
                    }

                    await poster.PostAsync(options.Warmup / 2, options.Rate, "warm");
                }

                foreach (var n in options.Circuits)
                {
                    levels.Add(await MeasureLevelAsync(n));
                }

                await context.CloseAsync();

                async Task<Level> MeasureLevelAsync(int n)
                {
                    Progress($"N = {n}: waiting for the circuits of the level before to close");
                    await nodes.WaitForCircuitsAsync(1, TimeSpan.FromSeconds(60));
                    var before = (Heap: await nodes.SteadyHeapAsync(), Circuits: nodes.OpenCircuits);
                    ClientsProcess? clients = null;
                    try
                    {
                        if (n > 0)
                        {
                            var opening = Stopwatch.StartNew();
                            clients = await ClientsProcess.StartAsync(new ClientsPlan(targets, n), TimeSpan.FromSeconds(120 + n));
                            Progress($"  {clients.Opened} light circuits opened in {opening.Elapsed.TotalSeconds:0.0} s, {clients.Failed} failed, {clients.FirstRenderBytes / 1024:0.0} KB each until the root components were added{(clients.LastError is null ? "" : $"; last error: {clients.LastError}")}");
                            await nodes.WaitForCircuitsAsync(clients.Opened + 1, TimeSpan.FromSeconds(30));
                        }

                        var with = (Heap: await nodes.SteadyHeapAsync(), Circuits: nodes.OpenCircuits);
                        double? kbPerCircuit = before.Heap is { } h0 && with.Heap is { } h1 && with.Circuits > before.Circuits
                            ? (h1 - h0) / 1024.0 / (with.Circuits!.Value - before.Circuits!.Value)
                            : null;
                        if (with.Heap is { } heap)
                        {
                            Progress($"  managed heap {heap / 1024:N0} KB with {with.Circuits} circuits ({before.Heap / 1024:N0} KB with {before.Circuits})");
                        }

                        var items = (int)Math.Round(options.Seconds * options.Rate);
                        Progress($"  {items} items at {options.Rate}/s through the API");
                        await page.EvaluateAsync(Scripts.WatchRows);
                        var offsetBefore = await PageClock.OffsetAsync(page);
                        var statsBefore = clients is null ? default : await clients.StatsAsync();
                        var serverCpuBefore = nodes.ServerCpu();
                        var clientsCpuBefore = clients?.Cpu ?? TimeSpan.Zero;
                        var machine = new CpuMeter();
                        var wall = Stopwatch.StartNew();
                        var posted = await poster.PostAsync(items, options.Rate, $"n{n}");
                        await Task.Delay(TimeSpan.FromSeconds(3));
                        var seconds = wall.Elapsed.TotalSeconds;
                        var serverCpuMs = nodes.ServerCpu() is { } after && serverCpuBefore is { } start ? (after - start).TotalMilliseconds : (double?)null;
                        var clientsCpuMs = ((clients?.Cpu ?? TimeSpan.Zero) - clientsCpuBefore).TotalMilliseconds;
                        var machineUse = machine.Stop();
                        var statsAfter = clients is null ? default : await clients.StatsAsync();
                        var offsetAfter = await PageClock.OffsetAsync(page);
                        var seen = PageClock.ParseSeen(await page.EvaluateAsync<JsonElement>(Scripts.SeenRows));
                        var offset = (offsetBefore + offsetAfter) / 2;
                        var latencies = posted.Where(p => seen.ContainsKey(p.Id)).Select(p => Math.Max(0, seen[p.Id] - offset - p.SentMs)).ToList();
                        var level = new Level(
                            n,
                            clients?.Opened ?? 0,
                            clients?.Failed ?? 0,
                            // Everything a circuit received before the items: the page's first render with its queue.
                            clients is not null && clients.Opened > 0 ? Math.Round(statsBefore.Bytes / 1024.0 / clients.Opened, 1) : 0,
                            posted.Count,
                            items - posted.Count,
                            Summary.Of(latencies),
                            posted.Count - latencies.Count,
                            Math.Round(Math.Abs(offsetAfter - offsetBefore), 1),
                            serverCpuMs is { } cpu ? Math.Round(cpu / (seconds * 1000 * Environment.ProcessorCount) * 100, 1) : null,
                            serverCpuMs is { } cpuPerItem && posted.Count > 0 ? Math.Round(cpuPerItem / posted.Count, 2) : null,
                            Math.Round(clientsCpuMs / (seconds * 1000 * Environment.ProcessorCount) * 100, 1),
                            machineUse.Machine,
                            kbPerCircuit is { } kb ? Math.Round(kb, 1) : null,
                            clients is not null && posted.Count > 0 && clients.Opened > 0
                                ? Math.Round((double)(statsAfter.Bytes - statsBefore.Bytes) / posted.Count / clients.Opened, 1)
                                : null,
                            clients is not null && posted.Count > 0 && clients.Opened > 0
                                ? Math.Round((double)(statsAfter.Batches - statsBefore.Batches) / posted.Count / clients.Opened, 2)
                                : null,
                            statsAfter.Errors,
                            statsAfter.Closed);
                        Progress($"  posted→visible p50 {level.Visible.P50:0.0} / p95 {level.Visible.P95:0.0} ms, {level.NotSeen} not seen; server CPU {level.ServerCpuPercent}%, clients {level.ClientsCpuPercent}%, machine {level.MachineCpuPercent}%");
                        return level;
                    }
                    finally
                    {
                        if (clients is not null)
                        {
                            await clients.DisposeAsync();
                        }
                    }
                }
            }
            finally
            {
                if (watchedBrowser is not null)
                {
                    await watchedBrowser.DisposeAsync();
                }
            }
        }

        Print(options, levels, clock.Elapsed);
        return 0;
    }

    /// <summary>The table, the targets missed and one JSON line (the last line of stdout).</summary>
    private static void Print(CapacityOptions options, IReadOnlyList<Level> levels, TimeSpan duration)
    {
        var baseline = levels.FirstOrDefault(l => l.N == 0);
        var rows = levels.Select(l => l with
        {
            // Server CPU per item per circuit: what an item costs with N circuits beyond what it costs with none, per circuit.
            CpuUsPerItemPerCircuit = l.N > 0 && baseline?.ServerCpuMsPerItem is { } none && l.ServerCpuMsPerItem is { } with
                ? Math.Round((with - none) * 1000 / l.N, 1)
                : null,
        }).ToList();
        var knee = rows.Where(l => l.Visible.P95 > TargetP95Ms || l.NotSeen > 0).Select(l => (int?)l.N).FirstOrDefault();
        var largest = rows.Where(l => l.N > 0).MaxBy(l => l.N);
        var missed = new List<string>();
        if (largest is not null && largest.N >= 500 && !(largest.Visible.P95 <= TargetP95Ms && largest.NotSeen == 0))
        {
            missed.Add($"posted→visible p95 ≤ {TargetP95Ms} ms with {largest.N} circuits");
        }

        if (largest?.KbPerCircuit is { } kb && kb > TargetKbPerCircuit)
        {
            missed.Add($"managed memory ≤ {TargetKbPerCircuit} KB per circuit with {largest.N} circuits");
        }

        string F(double? value, string format = "0.0") => value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
        string[] header = ["N", "opened", "1st render KB", "visible p50 ms", "p95 ms", "max ms", "not seen", "server CPU %", "CPU ms/item",
            "CPU µs/item/circuit", "KB/circuit", "render B/item/circuit", "batches/item/circuit", "clients CPU %", "machine %"];
        var table = new List<string[]> { header };
        table.AddRange(rows.Select(l => new[]
        {
            l.N.ToString(CultureInfo.InvariantCulture), l.Opened.ToString(CultureInfo.InvariantCulture), F(l.FirstRenderKb), F(l.Visible.P50), F(l.Visible.P95),
            F(l.Visible.Max), l.NotSeen.ToString(CultureInfo.InvariantCulture), F(l.ServerCpuPercent), F(l.ServerCpuMsPerItem, "0.00"), F(l.CpuUsPerItemPerCircuit),
            F(l.KbPerCircuit), F(l.RenderBytesPerItemPerCircuit), F(l.BatchesPerItemPerCircuit, "0.00"), F(l.ClientsCpuPercent), F(l.MachineCpuPercent),
        }));
        var widths = header.Select((_, i) => table.Max(r => r[i].Length)).ToArray();
        Console.WriteLine();
        foreach (var row in table)
        {
            Console.WriteLine(string.Join(" | ", row.Select((c, i) => c.PadLeft(widths[i]))));
        }

        Console.WriteLine(knee is { } k
            ? $"Knee: posted→visible p95 passes {TargetP95Ms} ms at N = {k}."
            : $"Knee: not reached (p95 ≤ {TargetP95Ms} ms at every N measured).");
        Console.WriteLine(missed.Count == 0 ? "All targets met (of those measured)." : $"Targets missed: {string.Join("; ", missed)}");
        var figures = new Dictionary<string, object?>
        {
            ["capacity"] = rows,
            ["knee_circuits"] = knee,
            ["targets"] = $"p95 ≤ {TargetP95Ms} ms and ≤ {TargetKbPerCircuit} KB per circuit at 500 circuits",
            ["targets_missed"] = missed,
            ["options"] = options,
            ["environment"] = new
            {
                date_utc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                cores = Environment.ProcessorCount,
                runtime = Environment.Version.ToString(),
                server_gc = GCSettings.IsServerGC,
                duration_s = Math.Round(duration.TotalSeconds, 1),
            },
        };
        Console.WriteLine(JsonSerializer.Serialize(figures, new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        }));
    }

    /// <summary>The figures of one N.</summary>
    private sealed record Level(
        int N,
        int Opened,
        int Failed,
        double FirstRenderKb,
        int Posted,
        int PostsFailed,
        Summary Visible,
        int NotSeen,
        double ClockDriftMs,
        double? ServerCpuPercent,
        double? ServerCpuMsPerItem,
        double ClientsCpuPercent,
        double MachineCpuPercent,
        double? KbPerCircuit,
        double? RenderBytesPerItemPerCircuit,
        double? BatchesPerItemPerCircuit,
        long ClientErrors,
        long ClientConnectionsClosed)
    {
        public double? CpuUsPerItemPerCircuit { get; init; }
    }

    /// <summary>Items through <c>POST /api/v1/items</c> at a steady rate, round-robin over the nodes; each post's start time is its t0.</summary>
    private sealed class ItemPoster : IDisposable
    {
        private readonly List<HttpClient> clients;
        private readonly string run = Guid.NewGuid().ToString("N")[..6];
        private int sequence;

        public ItemPoster(IReadOnlyList<string> urls, string apiKey)
        {
            clients = urls.Select(url =>
            {
                var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
                client.DefaultRequestHeaders.Add(ApiKeys.HeaderName, apiKey);
                return client;
            }).ToList();
        }

        public async Task<List<(int Id, double SentMs)>> PostAsync(int count, double rate, string tag)
        {
            var posted = new ConcurrentBag<(int Id, double SentMs)>();
            var every = TimeSpan.FromSeconds(1 / rate);
            var started = Stopwatch.StartNew();
            var sends = new List<Task>();
            for (var i = 0; i < count; i++)
            {
                var wait = every * i - started.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var n = Interlocked.Increment(ref sequence);
                sends.Add(SendAsync(clients[n % clients.Count], n, tag, posted));
            }

            await Task.WhenAll(sends);
            return [.. posted];
        }

        private async Task SendAsync(HttpClient client, int n, string tag, ConcurrentBag<(int, double)> posted)
        {
            // The marker in the title names the run, the level and the item (to find it in a screenshot or the database).
            var body = JsonSerializer.Serialize(new
            {
                externalId = $"capacity-{run}-{n}",
                channel = "Weibo",
                title = $"容量基准 {run}-{tag}-{n}",
                content = $"网友反映滨江路{n % 40 + 1}号附近夜间施工噪音扰民，已持续{n % 9 + 2}天（容量基准 {run}-{tag}-{n}）。",
                url = $"https://weibo.example/capacity/{run}/{n}",
                author = $"滨江居民{n % 500}",
                publishedAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                location = "滨江路",
            });
            var sent = PageClock.EpochMs();
            try
            {
                using var response = await client.PostAsync("/api/v1/items", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    posted.Add((json.RootElement.GetProperty("id").GetInt32(), sent));
                }
                else
                {
                    Console.Error.WriteLine($"POST /api/v1/items answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"POST /api/v1/items failed: {ex.Message}");
            }
        }

        public void Dispose() => clients.ForEach(c => c.Dispose());
    }
}

/// <summary>Command line of the capacity benchmark.</summary>
public sealed record CapacityOptions
{
    public const string Usage = """
        capacity [--circuits 0,100,250,500] [--seconds 30] [--rate 5] [--warmup 20] [--time-limit-min 10]
                 [--nodes URL,URL --api-key KEY [--user NAME --password PW] [--node-pids PID,PID]]
        Without --nodes the app runs in this process (demo desk, SQLite in a temp folder, the demo duty officer).
        """;

    public IReadOnlyList<int> Circuits { get; init; } = [0, 100, 250, 500];

    public double Seconds { get; init; } = 30;

    public double Rate { get; init; } = 5;

    public int Warmup { get; init; } = 20;

    public int TimeLimitMinutes { get; init; } = 10;

    public IReadOnlyList<string> Nodes { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public string? ApiKey { get; init; }

    public string User { get; init; } = DemoAccounts.Duty.UserName;

    [System.Text.Json.Serialization.JsonIgnore]
    public string Password { get; init; } = DemoAccounts.Password;

    public IReadOnlyList<int> NodePids { get; init; } = [];

    public override string ToString() =>
        $"circuits {string.Join(",", Circuits)}, {Seconds} s at {Rate}/s per N, warm-up {Warmup}, nodes {(Nodes.Count == 0 ? "in process" : string.Join(",", Nodes))}";

    public static CapacityOptions? Parse(string[] args)
    {
        CapacityOptions? options = new();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            options = (args[i], value) switch
            {
                ("--circuits", { } v) when Ints(v) is { } list => options with { Circuits = list.Distinct().Order().ToList() },
                ("--seconds", { } v) when double.TryParse(v, CultureInfo.InvariantCulture, out var s) && s > 0 => options with { Seconds = s },
                ("--rate", { } v) when double.TryParse(v, CultureInfo.InvariantCulture, out var r) && r > 0 => options with { Rate = r },
                ("--warmup", { } v) when int.TryParse(v, CultureInfo.InvariantCulture, out var w) && w > 0 => options with { Warmup = w },
                ("--time-limit-min", { } v) when int.TryParse(v, CultureInfo.InvariantCulture, out var t) && t > 0 => options with { TimeLimitMinutes = t },
                ("--nodes", { } v) => options with { Nodes = v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => u.TrimEnd('/')).ToList() },
                ("--api-key", { } v) => options with { ApiKey = v },
                ("--user", { } v) => options with { User = v },
                ("--password", { } v) => options with { Password = v },
                ("--node-pids", { } v) when Ints(v) is { } pids => options with { NodePids = pids },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }

            i++;
        }

        return options.Nodes.Count > 0 && string.IsNullOrEmpty(options.ApiKey) ? null : options;
    }

    private static List<int>? Ints(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = parts.Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : -1).ToList();
        return values.Count > 0 && values.All(v => v >= 0) ? values : null;
    }
}
