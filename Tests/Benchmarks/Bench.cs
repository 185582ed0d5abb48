using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// The live-desk benchmark (docs/benchmarks.md): the triage page against a plain page of the same app, measured in the same
/// run with real Chromium tabs. Progress goes to stderr; stdout gets the table and one JSON line.
/// </summary>
public static class Bench
{
    private const string Triage = "/triage";
    private const string Plain = "/plain";

    /// <summary>The triage page's page size (TriagePage.PageSize).</summary>
    private const int QueuePageSize = 50;

    public static async Task<int> Main(string[] args)
    {
        // Other benchmarks of the program: `-- intake ...`, `-- neardup ...`, `-- grouping ...` (docs/benchmarks.md).
        if (args.Length > 0 && SubBenchmark.Find(args[0]) is { } sub)
        {
            return await sub(args[1..]);
        }

        if (BenchOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(BenchOptions.Usage);
            return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
        }

        // Bounded however the machine behaves: past the limit the process ends, browser and server with it.
        using var limit = new Timer(_ =>
        {
            Console.Error.WriteLine($"The benchmark ran past its {options.TimeLimitMinutes} minute limit and stops.");
            Environment.Exit(3);
        }, null, TimeSpan.FromMinutes(options.TimeLimitMinutes), Timeout.InfiniteTimeSpan);

        if (options.CoalesceMs is { } coalesceMs)
        {
            AppContext.SetData(Coalescer.IntervalOverrideKey, coalesceMs.ToString(CultureInfo.InvariantCulture));
        }

        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var run = new Run(options);
        try
        {
            await run.ExecuteAsync();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"The benchmark failed: {ex}");
            return 1;
        }

        run.Print();
        return 0;
    }

    private sealed class Run(BenchOptions options)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Dictionary<string, object?> figures = [];
        private readonly List<string[]> table = [];
        private readonly List<string> missed = [];
        private readonly List<string> notes = [];

        private BenchApp app = null!;
        private BenchBrowser browser = null!;

        public async Task ExecuteAsync()
        {
            Progress($"Options: {options}");
            app = new BenchApp();
            try
            {
                app.Start();
                Progress($"App on {app.BaseUrl} (Development, demo desk seeded, SQLite {app.DatabasePath})");
                browser = await BenchBrowser.LaunchAsync(app.BaseUrl);
                try
                {
                    await browser.SignInAsync(DemoAccounts.Duty);
                    await WarmUpAsync();
                    await FillFirstPageAsync();
                    await MeasureLoadsAsync();
                    await MeasureTabsAsync();
                    if (options.Circuits > 0)
                    {
                        await MeasureManyCircuitsAsync();
                    }
                }
                finally
                {
                    await browser.DisposeAsync();
                }
            }
            finally
            {
                await app.DisposeAsync();
            }

            figures["environment"] = new Dictionary<string, object?>
            {
                ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["cores"] = Environment.ProcessorCount,
                ["runtime"] = Environment.Version.ToString(),
                ["configuration"] = IsOptimized() ? "Release" : "Debug",
                ["server_gc"] = GCSettings.IsServerGC,
                ["coalescer"] = CoalescerSemantics,
                ["coalesce_override_ms"] = options.CoalesceMs,
                ["triage_coalesce_ms"] = TriageCoalesceMs(),
                ["duration_s"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            };
            figures["options"] = options;
            figures["targets_missed"] = missed;
        }

        // ---- phases ------------------------------------------------------------------------------------------------

        /// <summary>The first circuit of a fresh app compiles the layout and the pages; the first item pays for the command's JIT.</summary>
        private async Task WarmUpAsync()
        {
            Progress("Warming up");
            var context = await browser.NewContextAsync();
            try
            {
                var page = await context.NewPageAsync();
                foreach (var path in new[] { Plain, Triage, Plain, Triage })
                {
                    await BenchBrowser.OpenAsync(page, path);
                }

                await page.EvaluateAsync<JsonElement>(Scripts.ClickLoop, new { kind = "triage", n = 5, pauseMs = 50 });
                await BenchBrowser.OpenAsync(page, Plain);
                await page.EvaluateAsync<JsonElement>(Scripts.ClickLoop, new { kind = "plain", n = 5, pauseMs = 50 });
                var actor = await app.ActorAsync(DemoAccounts.Duty);
                await app.SendAsync(actor, NewItem(0));
            }
            finally
            {
                await CloseAsync(context);
            }
        }

        /// <summary>
        /// A busy desk: the triage page's first page full (50 rows and a pager), so every triage figure is taken with the
        /// most rows the page ever shows, whatever the demo seed holds.
        /// </summary>
        private async Task FillFirstPageAsync()
        {
            var actor = await app.ActorAsync(DemoAccounts.Duty);
            var waiting = await app.SendAsync(actor, new CountTriageQueue.Query());
            var missing = Math.Max(0, QueuePageSize + 1 - waiting);
            for (var i = 0; i < missing; i++)
            {
                await app.SendAsync(actor, NewItem(-1 - i));
            }

            Progress($"Triage queue: {waiting + missing} items waiting ({missing} logged to fill the first page)");
        }

        /// <summary>Navigation start to the circuit connected, one tab, the two pages alternating so neither gets the warmer server.</summary>
        private async Task MeasureLoadsAsync()
        {
            Progress($"Page load to interactive: {options.Loads} loads of each page");
            var samples = new Dictionary<string, List<double>> { [Plain] = [], [Triage] = [] };
            var context = await browser.NewContextAsync();
            try
            {
                var page = await context.NewPageAsync();
                for (var i = 0; i < options.Loads; i++)
                {
                    foreach (var path in i % 2 == 0 ? new[] { Plain, Triage } : [Triage, Plain])
                    {
                        await page.GotoAsync(path);
                        await page.WaitForFunctionAsync("() => window.__interactiveAt !== undefined");
                        samples[path].Add(await page.EvaluateAsync<double>(Scripts.InteractiveAt));
                        await Task.Delay(200);
                    }
                }
            }
            finally
            {
                await CloseAsync(context);
            }

            var plain = Summary.Of(samples[Plain]);
            var triage = Summary.Of(samples[Triage]);
            figures["load_to_interactive_ms"] = new { plain, triage, ratio_p50 = Ratio(triage.P50, plain.P50), ratio_p95 = Ratio(triage.P95, plain.P95), target_ratio = 1.5 };
            var met = Ratio(triage.P50, plain.P50) <= 1.5 && Ratio(triage.P95, plain.P95) <= 1.5;
            Row("Load to interactive p50 (ms)", plain.P50, triage.P50, Ratio(triage.P50, plain.P50), "≤ 1.5×", met);
            Row("Load to interactive p95 (ms)", plain.P95, triage.P95, Ratio(triage.P95, plain.P95), "≤ 1.5×", met);
            Miss(met, "load to interactive ≤ 1.5× the plain page");
        }

        /// <summary>The tabs: managed memory per circuit, click-to-screen on both pages, and live ingestion into every tab.</summary>
        private async Task MeasureTabsAsync()
        {
            Progress($"Opening {options.Tabs} tabs (one browser context each)");
            var contexts = new List<IBrowserContext>();
            var pages = new List<IPage>();
            try
            {
                for (var i = 0; i < options.Tabs; i++)
                {
                    var context = await browser.NewContextAsync();
                    contexts.Add(context);
                    pages.Add(await context.NewPageAsync());
                }

                // A first round, not counted (as for the frames below): the first circuits grow the process's shared pools
                // (array pools, socket buffers), which then stay; charged to whichever page came first, they made the
                // tab count swing by ±150 KB a circuit between runs.
                Progress("  (a first round, not counted, grows the shared pools)");
                await OpenAllAsync(pages, Triage);
                foreach (var page in pages)
                {
                    await page.GotoAsync("about:blank");
                }

                // Zero circuits, the browser objects already made: what the circuits add is all that changes next.
                var noCircuits = await SteadyHeapAsync(0);
                await HoldAsync("no circuits");
                await OpenAllAsync(pages, Triage);
                var triageHeap = await SteadyHeapAsync(options.Tabs);
                var rows = await pages[0].Locator("[data-testid='triage-row']").CountAsync();
                await HoldAsync($"{options.Tabs} triage circuits");
                if (options.Components)
                {
                    Progress($"  one triage circuit: {app.Circuits.DescribeLastCircuit()}");
                }

                // The plain page's heap right after the triage page's, before clicks and items grow any pool: the two counts
                // are taken alike (after the clicks and the ingestion the plain page was charged ~200 KB a circuit more).
                await OpenAllAsync(pages, Plain);
                var plainHeap = await SteadyHeapAsync(options.Tabs);
                await HoldAsync($"{options.Tabs} plain circuits");
                if (options.Components)
                {
                    Progress($"  one plain circuit: {app.Circuits.DescribeLastCircuit()}");
                }

                await OpenAllAsync(pages, Triage);
                Progress($"Click-to-screen on {Triage}: {options.Clicks} clicks in each of {options.Tabs} tabs at once");
                var (triageClicks, triageCpu) = await ClickAllAsync(pages, "triage");

                await MeasureIngestionAsync(pages);

                await OpenAllAsync(pages, Plain);
                Progress($"Click-to-screen on {Plain}: {options.Clicks} clicks in each of {options.Tabs} tabs at once");
                var (plainClicks, plainCpu) = await ClickAllAsync(pages, "plain");

                foreach (var page in pages.Skip(1))
                {
                    await page.GotoAsync("about:blank");
                }

                await BenchBrowser.OpenAsync(pages[0], Triage);
                await MeasureIngestionAsync([pages[0]], alone: true);
                await pages[0].GotoAsync("about:blank");

                var afterwards = await SteadyHeapAsync(0);

                notes.Add($"CPU while clicking (% of {Environment.ProcessorCount} cores): triage app {triageCpu.App}, browser {triageCpu.Browser}, machine {triageCpu.Machine}; " +
                    $"plain app {plainCpu.App}, browser {plainCpu.Browser}, machine {plainCpu.Machine}.");
                var failedTriage = triageClicks.Count(c => c < 0);
                var failedPlain = plainClicks.Count(c => c < 0);
                var triage = Summary.Of(triageClicks.Where(c => c >= 0));
                var plain = Summary.Of(plainClicks.Where(c => c >= 0));
                figures["click_to_screen_ms"] = new
                {
                    tabs = options.Tabs,
                    clicks_per_tab = options.Clicks,
                    plain,
                    triage,
                    ratio_p50 = Ratio(triage.P50, plain.P50),
                    ratio_p95 = Ratio(triage.P95, plain.P95),
                    no_change_within_10s = new { plain = failedPlain, triage = failedTriage },
                    cpu_percent = new { plain = plainCpu, triage = triageCpu },
                    target = "triage p95 ≤ 3× plain p95 and ≤ 100 ms",
                };
                var clickMet = Ratio(triage.P95, plain.P95) <= 3 && triage.P95 <= 100 && failedTriage == 0;
                Row("Click to screen p50 (ms)", plain.P50, triage.P50, Ratio(triage.P50, plain.P50), "", null);
                Row("Click to screen p95 (ms)", plain.P95, triage.P95, Ratio(triage.P95, plain.P95), "≤ 3×, ≤ 100 ms", clickMet);
                Row("Click to screen max (ms)", plain.Max, triage.Max, Ratio(triage.Max, plain.Max), "", null);
                Miss(clickMet, "click-to-screen p95 ≤ 3× the plain page and ≤ 100 ms");

                var perTriage = PerCircuitKb(noCircuits, triageHeap);
                var perPlain = PerCircuitKb(noCircuits, plainHeap);
                figures["managed_memory_tabs"] = new
                {
                    circuits = options.Tabs,
                    heap_kb_no_circuits = noCircuits.Heap / 1024,
                    heap_kb_triage = triageHeap.Heap / 1024,
                    heap_kb_plain = plainHeap.Heap / 1024,
                    heap_kb_after_closing = afterwards.Heap / 1024,
                    circuits_counted = new { none = noCircuits.Circuits, triage = triageHeap.Circuits, plain = plainHeap.Circuits, after_closing = afterwards.Circuits },
                    kb_per_circuit_triage = Math.Round(perTriage, 1),
                    triage_rows_on_screen = rows,
                    kb_per_circuit_plain = Math.Round(perPlain, 1),
                    ratio = Ratio(perTriage, perPlain),
                    target_kb = 500,
                };
                Row($"Managed KB per circuit ({options.Tabs} tabs)", perPlain, perTriage, Ratio(perTriage, perPlain), "≤ 500 KB", perTriage <= 500);
                Miss(perTriage <= 500, $"managed memory per triage circuit ≤ 500 KB ({options.Tabs} tabs)");
            }
            finally
            {
                foreach (var context in contexts)
                {
                    await CloseAsync(context);
                }
            }
        }

        /// <summary>
        /// LogItem through the app's mediator at a steady rate, as the duty officer; every tab notes when each new row entered
        /// its DOM. Latency is from the commit (the app publishes ItemsChanged right after it) to the row in the tab's DOM.
        /// </summary>
        private async Task MeasureIngestionAsync(IReadOnlyList<IPage> pages, bool alone = false)
        {
            var count = (int)Math.Round(options.IngestSeconds * options.Rate / (alone ? 2 : 1));
            Progress($"Ingestion: {count} items at {options.Rate}/s into {pages.Count} tabs on {Triage}");
            var commits = new ConcurrentDictionary<int, double>();
            var hub = app.Services.GetRequiredService<ILiveEventHub>();
            using var subscription = hub.Subscribe<ItemsChanged>(e =>
            {
                var at = EpochMs();
                if (e.Collected)
                {
                    foreach (var id in e.ItemIds)
                    {
                        commits.TryAdd(id, at);
                    }
                }

                return ValueTask.CompletedTask;
            });

            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(Scripts.WatchRows)));
            var offsetsBefore = await Task.WhenAll(pages.Select(ClockOffsetAsync));
            var actor = await app.ActorAsync(DemoAccounts.Duty);
            var sent = new List<int>();
            var cpu = new CpuMeter();
            var every = TimeSpan.FromSeconds(1 / options.Rate);
            var started = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var wait = every * i - started.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                sent.Add(await app.SendAsync(actor, NewItem(i + 1)));
            }

            var sendSeconds = started.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(3));
            var usage = cpu.Stop();
            var offsetsAfter = await Task.WhenAll(pages.Select(ClockOffsetAsync));
            var seen = await Task.WhenAll(pages.Select(async p => ParseSeen(await p.EvaluateAsync<JsonElement>(Scripts.SeenRows))));

            var perTab = new List<double>();
            var everyTab = new List<double>();
            var notSeen = 0;
            foreach (var id in sent)
            {
                if (!commits.TryGetValue(id, out var committed))
                {
                    continue;
                }

                var latest = double.NegativeInfinity;
                for (var tab = 0; tab < pages.Count; tab++)
                {
                    if (seen[tab].TryGetValue(id, out var at))
                    {
                        var offset = (offsetsBefore[tab] + offsetsAfter[tab]) / 2;
                        var latency = Math.Max(0, at - offset - committed);
                        perTab.Add(latency);
                        latest = Math.Max(latest, latency);
                    }
                    else
                    {
                        notSeen++;
                        latest = double.PositiveInfinity;
                    }
                }

                if (!double.IsPositiveInfinity(latest))
                {
                    everyTab.Add(latest);
                }
            }

            var drift = offsetsBefore.Zip(offsetsAfter, (a, b) => Math.Abs(a - b)).DefaultIfEmpty(0).Max();
            var pair = Summary.Of(perTab);
            var all = Summary.Of(everyTab);
            if (alone)
            {
                // Informative: the same path with one browser tab, so the browser does not compete with the server for the cores.
                figures["ingest_to_visible_one_tab_alone_ms"] = new { items = sent.Count, per_item = pair, not_seen = notSeen, cpu_percent = usage };
                Row("Ingest→visible, 1 tab alone p50 (ms)", double.NaN, pair.P50, double.NaN, "", null);
                Row("Ingest→visible, 1 tab alone p95 (ms)", double.NaN, pair.P95, double.NaN, "", null);
                notes.Add($"CPU while ingesting into 1 tab (% of {Environment.ProcessorCount} cores): app {usage.App}, browser {usage.Browser}, whole machine {usage.Machine}.");
                return;
            }

            notes.Add($"CPU while ingesting into {pages.Count} tabs (% of {Environment.ProcessorCount} cores): app {usage.App}, browser {usage.Browser}, whole machine {usage.Machine}.");
            figures["ingest_to_visible_ms"] = new
            {
                items = sent.Count,
                rate_per_s = Math.Round(sent.Count / sendSeconds, 2),
                tabs = pages.Count,
                per_item_and_tab = pair,
                per_item_every_tab = all,
                not_seen = notSeen,
                clock_drift_ms = Math.Round(drift, 2),
                coalesce_interval_ms = TriageCoalesceMs(),
                cpu_percent = usage,
                target = "every-tab p95 ≤ 250 ms",
            };
            var met = all.P95 <= 250 && notSeen == 0;
            Row("Ingest→visible, any tab p50 (ms)", double.NaN, pair.P50, double.NaN, "", null);
            Row("Ingest→visible, any tab p95 (ms)", double.NaN, pair.P95, double.NaN, "", null);
            Row("Ingest→visible, every tab p50 (ms)", double.NaN, all.P50, double.NaN, "", null);
            Row("Ingest→visible, every tab p95 (ms)", double.NaN, all.P95, double.NaN, "≤ 250 ms", met);
            Row("Ingest→visible, every tab max (ms)", double.NaN, all.Max, double.NaN, "", null);
            Miss(met, $"item ingested to visible in every tab p95 ≤ 250 ms at {options.Rate}/s" + (notSeen > 0 ? $" ({notSeen} item-tab pairs never seen)" : null));
        }

        /// <summary>
        /// More circuits than tabs the browser can carry: one page holding many same-origin iframes of a page, each its own
        /// document and circuit, all in one renderer; first of /triage, then of /plain (the baseline: the layout and a Blazor
        /// Server circuit of this app, with no page of its own to speak of). The app forbids framing (CSP frame-ancestors
        /// 'none'), so this context strips that header from the documents it fetches; nothing changes on the server.
        /// </summary>
        private async Task MeasureManyCircuitsAsync()
        {
            // The first hundred circuits also grow the process's shared pools (array pools, socket buffers), which then stay:
            // a round not counted pays for that, so neither page is charged for it.
            Progress("  (a first round, not counted, grows the shared pools)");
            await FramesAsync(Triage);
            var plain = await FramesAsync(Plain);
            var triage = await FramesAsync(Triage);
            figures["managed_memory_many"] = new
            {
                circuits = options.Circuits,
                triage = new { heap_kb_no_circuits = triage.Before.Heap / 1024, heap_kb_with_circuits = triage.After.Heap / 1024, circuits_counted = triage.After.Circuits - triage.Before.Circuits },
                plain = new { heap_kb_no_circuits = plain.Before.Heap / 1024, heap_kb_with_circuits = plain.After.Heap / 1024, circuits_counted = plain.After.Circuits - plain.Before.Circuits },
                kb_per_circuit_triage = Math.Round(triage.PerCircuit, 1),
                kb_per_circuit_plain = Math.Round(plain.PerCircuit, 1),
                kb_per_circuit_triage_page_alone = Math.Round(triage.PerCircuit - plain.PerCircuit, 1),
                ratio = Ratio(triage.PerCircuit, plain.PerCircuit),
                how = "one page with that many same-origin iframes of the page",
                target_kb = 500,
            };
            Row($"Managed KB per circuit ({options.Circuits} iframes)", plain.PerCircuit, triage.PerCircuit, Ratio(triage.PerCircuit, plain.PerCircuit), "≤ 500 KB",
                triage.PerCircuit <= 500);
            Miss(triage.PerCircuit <= 500, $"managed memory per triage circuit ≤ 500 KB ({options.Circuits} circuits)");
        }

        private async Task<((long Heap, int Circuits) Before, (long Heap, int Circuits) After, double PerCircuit)> FramesAsync(string path)
        {
            Progress($"Managed memory with {options.Circuits} circuits (iframes of {path} in one page)");
            var context = await browser.NewContextAsync();
            try
            {
                await context.RouteAsync("**/bench-host", route => route.FulfillAsync(new RouteFulfillOptions
                {
                    ContentType = "text/html",
                    Body = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>",
                }));
                await context.RouteAsync($"**{path}?frame=*", async route =>
                {
                    var response = await route.FetchAsync();
                    var headers = response.Headers.Where(h => !h.Key.Equals("content-security-policy", StringComparison.OrdinalIgnoreCase))
                        .ToDictionary(h => h.Key, h => h.Value);
                    await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
                });
                var host = await context.NewPageAsync();
                host.Console += (_, message) =>
                {
                    if (message.Type is "error" or "warning")
                    {
                        Progress($"  frame console {message.Type}: {message.Text}");
                    }
                };
                await host.GotoAsync("/bench-host");
                var before = await SteadyHeapAsync(0);
                const int batch = 10;
                for (var opened = 0; opened < options.Circuits;)
                {
                    var next = Math.Min(batch, options.Circuits - opened);
                    for (var i = 0; i < next; i++)
                    {
                        await host.EvaluateAsync<int>(Scripts.AddFrame, $"{path}?frame={opened + i}");
                    }

                    opened += next;
                    await host.WaitForFunctionAsync($"() => ({Scripts.InteractiveFrames})() >= {opened}", null,
                        new PageWaitForFunctionOptions { Timeout = BenchBrowser.Patient, PollingInterval = 250 });
                    Progress($"  {opened} circuits");
                }

                var after = await SteadyHeapAsync(options.Circuits);
                return (before, after, PerCircuitKb(before, after));
            }
            finally
            {
                // Closing the frames' connections ends their circuits (after the 2 s retention set for the benchmark), so
                // the next count starts from none.
                await CloseAsync(context);
                if (!await app.Circuits.WaitForAsync(0, TimeSpan.FromSeconds(30)))
                {
                    Progress($"  note: {app.Circuits.Open} circuits still open after closing the frames");
                }
            }
        }

        // ---- helpers -----------------------------------------------------------------------------------------------

        /// <summary>
        /// Leaves every page first, so blazor.web.js ends its circuit on unload; a context closed under a live page only
        /// drops the connection, and the app keeps such a circuit for its reconnection period (3 minutes).
        /// </summary>
        private static async Task CloseAsync(IBrowserContext context)
        {
            foreach (var page in context.Pages)
            {
                try
                {
                    await page.GotoAsync("about:blank");
                }
                catch (PlaywrightException)
                {
                    // A page that cannot navigate any more is closed with its context below.
                }
            }

            // Let the unload beacon leave before the context (and its network service) goes.
            await Task.Delay(500);

            await context.CloseAsync();
        }

        private async Task OpenAllAsync(IReadOnlyList<IPage> pages, string path)
        {
            // A few at a time: twenty cold page loads at once measure the machine's two cores, not the app.
            using var gate = new SemaphoreSlim(4);
            await Task.WhenAll(pages.Select(async page =>
            {
                await gate.WaitAsync();
                try
                {
                    await BenchBrowser.OpenAsync(page, path);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        private async Task<(List<double> Clicks, CpuUse Cpu)> ClickAllAsync(IReadOnlyList<IPage> pages, string kind)
        {
            var cpu = new CpuMeter();
            var results = await Task.WhenAll(pages.Select(page =>
                page.EvaluateAsync<JsonElement>(Scripts.ClickLoop, new { kind, n = options.Clicks, pauseMs = options.ClickPauseMs })));
            var usage = cpu.Stop();
            return (results.SelectMany(r => r.EnumerateArray().Select(e => e.GetDouble())).ToList(), usage);
        }

        /// <summary>With <c>--hold-s</c>: waits that long at a steady heap, so a heap dump can be taken (<c>dotnet-gcdump collect -p PID</c>).</summary>
        private async Task HoldAsync(string state)
        {
            if (options.HoldSeconds > 0)
            {
                Progress($"  holding {options.HoldSeconds} s with {state} (pid {Environment.ProcessId}), e.g. for dotnet-gcdump");
                await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
            }
        }

        /// <summary>
        /// The managed heap after full, compacting collections, once <paramref name="circuits"/> circuits are open, with the
        /// number of circuits the app actually held then (a circuit whose tab closed without its unload beacon stays for the
        /// app's 3-minute reconnection period: the figures divide by the difference in circuits counted, not by the tabs).
        /// </summary>
        private async Task<(long Heap, int Circuits)> SteadyHeapAsync(int circuits)
        {
            if (!await app.Circuits.WaitForAsync(circuits, TimeSpan.FromSeconds(30)))
            {
                Progress($"  note: {app.Circuits.Open} circuits open, expected {circuits}");
            }

            // Pools (Kestrel's blocks, ArrayPool) grown by the last burst of page loads shrink over seconds: the least of
            // three readings two seconds apart is the steady heap.
            var heap = long.MaxValue;
            for (var reading = 0; reading < 3; reading++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                for (var i = 0; i < 2; i++)
                {
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                }

                heap = Math.Min(heap, GC.GetTotalMemory(forceFullCollection: true));
            }

            var open = app.Circuits.Open;
            Progress($"  managed heap {heap / 1024:N0} KB with {open} circuits");
            return (heap, open);
        }

        private static double PerCircuitKb((long Heap, int Circuits) without, (long Heap, int Circuits) with) =>
            with.Circuits > without.Circuits ? (with.Heap - without.Heap) / 1024.0 / (with.Circuits - without.Circuits) : double.NaN;

        private static Task<double> ClockOffsetAsync(IPage page) => PageClock.OffsetAsync(page);

        private static Dictionary<int, double> ParseSeen(JsonElement rows) => PageClock.ParseSeen(rows);

        private static double EpochMs() => PageClock.EpochMs();

        private static LogItem.Command NewItem(int n) => new()
        {
            Channel = Channel.Hotline,
            Title = $"基准测试来电 #{n}",
            Content = "群众来电反映滨江路夜间施工噪音扰民（性能基准自动生成）。",
            Contact = "0571-0000" + (n % 10000).ToString("D4", CultureInfo.InvariantCulture),
            Location = "滨江路",
        };

        private static double Ratio(double value, double baseline) =>
            double.IsNaN(value) || double.IsNaN(baseline) || baseline <= 0 ? double.NaN : Math.Round(value / baseline, 2);

        private void Row(string name, double plain, double triage, double ratio, string target, bool? met) =>
            table.Add([name, Format(plain), Format(triage), double.IsNaN(ratio) ? "" : $"{ratio:0.00}×", target, met switch { true => "yes", false => "NO", null => "" }]);

        private void Miss(bool met, string what)
        {
            if (!met)
            {
                missed.Add(what);
            }
        }

        private void Progress(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {message}");

        private static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("0.0", CultureInfo.InvariantCulture);

        private static bool IsOptimized() =>
            typeof(Program).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>()
                .All(d => !d.IsJITOptimizerDisabled);

        private const string CoalescerSemantics = "leading edge, then at most one more per interval after the last refresh ended";

        /// <summary>The triage page's coalescing interval (the override, or read from the page itself) so the figures say what they were taken with.</summary>
        private double? TriageCoalesceMs() =>
            options.CoalesceMs is { } overridden ? overridden
            : typeof(TriagePage).GetField("CoalesceEvery", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)?.GetValue(null) is TimeSpan every
                ? every.TotalMilliseconds
                : null;

        public void Print()
        {
            string[] header = ["Figure", "Plain page", "Triage page", "Ratio", "Target", "Met"];
            var rows = new List<string[]> { header };
            rows.AddRange(table);
            var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => Width(r[c]))).ToArray();
            foreach (var (row, index) in rows.Select((r, i) => (r, i)))
            {
                Console.WriteLine(string.Join("  ", row.Select((cell, c) => c == 0 ? Pad(cell, widths[c]) : PadLeft(cell, widths[c]))));
                if (index == 0)
                {
                    Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
                }
            }

            foreach (var note in notes)
            {
                Console.WriteLine(note);
            }

            Console.WriteLine(missed.Count == 0 ? "All targets met." : "Targets missed: " + string.Join("; ", missed) + ".");
            Console.WriteLine(JsonSerializer.Serialize(figures, new JsonSerializerOptions
            {
                NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));
        }

        /// <summary>Columns line up in a terminal: a CJK character or × takes the room it takes.</summary>
        private static int Width(string s) => s.Sum(ch => ch >= 0x2E80 ? 2 : 1);

        private static string Pad(string s, int width) => s + new string(' ', Math.Max(0, width - Width(s)));

        private static string PadLeft(string s, int width) => new string(' ', Math.Max(0, width - Width(s))) + s;
    }
}

/// <summary>Counts and durations; the defaults keep a run at a few minutes on the two-core machine.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project Tests/Benchmarks -- [options]
          --tabs N             Chromium tabs (one browser context each) for clicks, ingestion and memory (default 20)
          --clicks N           clicks per tab on each page (default 50)
          --click-pause-ms N   mean pause between one tab's clicks (default 300; each pause is 0.5–1.5× this)
          --loads N            page loads of each page for load-to-interactive (default 20)
          --ingest-seconds N   how long items are logged (default 20)
          --rate N             items per second (default 5)
          --circuits N         circuits for the large memory count, as iframes of /triage in one page; 0 skips (default 100)
          --coalesce-ms N      replace every live coalescer's interval (the triage page's is 200 ms) to compare
          --hold-s N           after the triage memory figure, wait N s with the tabs open (to take a heap dump; default 0)
          --time-limit-min N   the run stops after this many minutes whatever happens (default 10)
        """;

    public int Tabs { get; init; } = 20;

    public int Clicks { get; init; } = 50;

    public int ClickPauseMs { get; init; } = 300;

    public int Loads { get; init; } = 20;

    public double IngestSeconds { get; init; } = 20;

    public double Rate { get; init; } = 5;

    public int Circuits { get; init; } = 100;

    public double TimeLimitMinutes { get; init; } = 10;

    public double? CoalesceMs { get; init; }

    public int HoldSeconds { get; init; }

    /// <summary>Print the components of one triage and one plain circuit with the render-tree buffers they hold.</summary>
    public bool Components { get; init; }

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--components")
            {
                options = options with { Components = true };
                continue;
            }

            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                return null;
            }

            options = args[i] switch
            {
                "--tabs" when value >= 1 => options with { Tabs = (int)value },
                "--clicks" when value >= 1 => options with { Clicks = (int)value },
                "--click-pause-ms" => options with { ClickPauseMs = (int)value },
                "--loads" when value >= 1 => options with { Loads = (int)value },
                "--ingest-seconds" when value > 0 => options with { IngestSeconds = value },
                "--rate" when value > 0 => options with { Rate = value },
                "--circuits" => options with { Circuits = (int)value },
                "--hold-s" => options with { HoldSeconds = (int)value },
                "--coalesce-ms" => options with { CoalesceMs = value },
                "--time-limit-min" when value > 0 => options with { TimeLimitMinutes = value },
                _ => null!,
            };
            if (options is null)
            {
                return null;
            }

            i++;
        }

        return options;
    }
}
