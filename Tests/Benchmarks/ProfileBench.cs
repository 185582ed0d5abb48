using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// Where one browser tab spends its time on a live desk (docs/benchmarks.md, "Profile"): one tab on a page, idle for a while
/// and then while items arrive at 5/s, with Chromium's own trace; prints CPU time per second idle and per item arriving, by
/// thread and by trace event. Not a target of its own: it tells what the every-tab figure of the main benchmark is made of.
/// Usage: <c>-- profile [--path /triage] [--items 25] [--idle-s 5] [--css 'extra style rules'] [--script JS] [--timeline]</c>,
/// or <c>-- profile --shot FILE.png [--click SELECTOR]</c> for a screenshot of the page.
/// </summary>
[SubBenchmark("profile")]
public static class ProfileBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = Option(args, "--path") ?? "/triage";
        var items = int.Parse(Option(args, "--items") ?? "25", CultureInfo.InvariantCulture);
        var idleSeconds = int.Parse(Option(args, "--idle-s") ?? "5", CultureInfo.InvariantCulture);
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);

        await using var app = new BenchApp();
        app.Start();
        await using var browser = await BenchBrowser.LaunchAsync(app.BaseUrl);
        await browser.SignInAsync(DemoAccounts.Duty);
        var actor = await app.ActorAsync(DemoAccounts.Duty);
        for (var i = 0; i < 51; i++)
        {
            await app.SendAsync(actor, Item(i));
        }

        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BenchBrowser.OpenAsync(page, path);
        if (Option(args, "--css") is { } css)
        {
            // To try a style change without rebuilding the app.
            await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = css });
        }

        await Task.Delay(2000);
        if (Option(args, "--shot") is { } shot)
        {
            // A look at the page instead (after clicking --click SELECTOR, if given): fonts loaded, nothing moving.
            if (Option(args, "--click") is { } selector)
            {
                await page.ClickAsync(selector);
                await Task.Delay(1000);
            }

            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, Animations = ScreenshotAnimations.Disabled });
            Console.WriteLine($"{path}: {shot}");
            await context.CloseAsync();
            return 0;
        }

        // Idle: nothing arrives.
        var idle = await TraceAsync(page, () => Task.Delay(TimeSpan.FromSeconds(idleSeconds)));
        // Live: items at 5/s, then a second for the last one to land.
        var script = Option(args, "--script");
        var live = await TraceAsync(page, async () =>
        {
            if (script is not null)
            {
                // To compare with a change made in the page alone (e.g. a row inserted by script every 200 ms, no item sent).
                await page.EvaluateAsync(script);
            }

            var started = Stopwatch.StartNew();
            for (var i = 0; i < items; i++)
            {
                var wait = TimeSpan.FromMilliseconds(200 * i) - started.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                if (script is null)
                {
                    await app.SendAsync(actor, Item(1000 + i));
                }
            }

            await Task.Delay(1000);
        });

        Console.WriteLine($"{path}, one tab: idle {idleSeconds} s, then {items} items at 5/s");
        Print("idle, per second", idle, idleSeconds);
        Print("live, per item", live, items);
        if (args.Contains("--timeline"))
        {
            Timeline(live);
        }
        await context.CloseAsync();
        return 0;
    }

    private sealed record Trace(List<JsonElement> Events, Dictionary<(int, int), string> Threads, Dictionary<string, double> ByEvent, Dictionary<string, int> Counts, Dictionary<string, double> ByThread, double BrowserCpuMs, double Seconds);

    /// <summary>Chromium's trace of <paramref name="during"/>: top-level task time by thread, and time by event name (self and children).</summary>
    private static async Task<Trace> TraceAsync(IPage page, Func<Task> during)
    {
        // Chromium's trace through the page's DevTools session (what Puppeteer's page.tracing does): events come in chunks.
        var session = await page.Context.NewCDPSessionAsync(page);
        var chunks = new List<JsonElement>();
        var complete = new TaskCompletionSource();
        session.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            lock (chunks)
            {
                chunks.AddRange(data!.Value.GetProperty("value").EnumerateArray().Select(e => e.Clone()));
            }
        };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object>
            {
                ["includedCategories"] = new[] { "devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc", "v8", "toplevel", "__metadata" },
            },
        });
        var cpu = new CpuMeter();
        var watch = Stopwatch.StartNew();
        await during();
        var seconds = watch.Elapsed.TotalSeconds;
        var use = cpu.Stop();
        await session.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await session.DetachAsync();
        List<JsonElement> events;
        lock (chunks)
        {
            events = [.. chunks];
        }

        var threads = new Dictionary<(int, int), string>();
        foreach (var e in events)
        {
            if (e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name")
            {
                threads[(e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32())] = e.GetProperty("args").GetProperty("name").GetString() ?? "?";
            }
        }

        var byEvent = new Dictionary<string, double>();
        var counts = new Dictionary<string, int>();
        var spans = new Dictionary<string, List<(double Start, double End)>>();
        foreach (var e in events)
        {
            if (e.GetProperty("ph").GetString() != "X" || !e.TryGetProperty("dur", out var dur))
            {
                continue;
            }

            var name = e.GetProperty("name").GetString() ?? "?";
            var ms = dur.GetDouble() / 1000;
            byEvent[name] = byEvent.GetValueOrDefault(name) + ms;
            // How much each style recalculation and layout had to do (Chromium puts it in the event's arguments).
            if (name == "UpdateLayoutTree" && e.TryGetProperty("args", out var styleArgs) && styleArgs.TryGetProperty("elementCount", out var elements))
            {
                counts["  elements restyled"] = counts.GetValueOrDefault("  elements restyled") + elements.GetInt32();
            }

            if (name == "Layout" && e.TryGetProperty("args", out var layoutArgs) && layoutArgs.TryGetProperty("beginData", out var begin)
                && begin.TryGetProperty("dirtyObjects", out var dirty))
            {
                counts["  objects laid out"] = counts.GetValueOrDefault("  objects laid out") + dirty.GetInt32();
            }
            counts[name] = counts.GetValueOrDefault(name) + 1;
            var thread = threads.GetValueOrDefault((e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32()), "?");
            var start = e.GetProperty("ts").GetDouble() / 1000;
            (spans.TryGetValue(thread, out var list) ? list : spans[thread] = []).Add((start, start + ms));
        }

        // A thread's busy time: the union of its events' spans (nested events are inside their parents).
        var byThread = spans.ToDictionary(p => p.Key, p =>
        {
            double busy = 0, end = double.NegativeInfinity;
            foreach (var (a, b) in p.Value.OrderBy(x => x.Start))
            {
                if (b <= end)
                {
                    continue;
                }

                busy += b - Math.Max(a, end);
                end = b;
            }

            return busy;
        });

        return new Trace(events, threads, byEvent, counts, byThread, use.Browser / 100 * Environment.ProcessorCount * seconds * 1000, seconds);
    }

    private static void Print(string title, Trace trace, int per)
    {
        Console.WriteLine($"--- {title}: browser processes' CPU {trace.BrowserCpuMs / per:0.0} ms (over {trace.Seconds:0.0} s)");
        Console.WriteLine("  busy time by thread (ms):");
        foreach (var (thread, ms) in trace.ByThread.OrderByDescending(p => p.Value).Take(8))
        {
            Console.WriteLine($"    {ms / per,8:0.00}  {thread}");
        }

        foreach (var key in new[] { "  elements restyled", "  objects laid out" })
        {
            Console.WriteLine($"  {key.Trim()}: {(double)trace.Counts.GetValueOrDefault(key) / per:0.0}");
        }

        Console.WriteLine("  trace events (ms, times each; nested events counted in each of their parents too):");
        foreach (var (name, ms) in trace.ByEvent.OrderByDescending(p => p.Value).Take(30))
        {
            Console.WriteLine($"    {ms / per,8:0.00}  {(double)trace.Counts[name] / per,6:0.0}×  {name}");
        }
    }

    /// <summary>The renderer's main-thread tasks of the first two seconds, each with what ran inside it.</summary>
    private static void Timeline(Trace trace)
    {
        var main = trace.Threads.Where(t => t.Value == "CrRendererMain").Select(t => t.Key).ToHashSet();
        var xs = trace.Events.Where(e => e.GetProperty("ph").GetString() == "X" && e.TryGetProperty("dur", out _)
                && main.Contains((e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32())))
            .Select(e => (Name: e.GetProperty("name").GetString()!, Start: e.GetProperty("ts").GetDouble() / 1000, Ms: e.GetProperty("dur").GetDouble() / 1000))
            .OrderBy(e => e.Start).ToList();
        if (xs.Count == 0)
        {
            return;
        }

        var origin = xs[0].Start;
        foreach (var task in xs.Where(x => x.Name == "ThreadControllerImpl::RunTask" && x.Ms >= 0.3))
        {
            if (task.Start - origin > 2000)
            {
                break;
            }

            var inside = xs.Where(x => x.Start >= task.Start && x.Start + x.Ms <= task.Start + task.Ms + 0.001 && x.Name is not ("ThreadControllerImpl::RunTask" or "RunTask"))
                .GroupBy(x => x.Name).Select(g => (g.Key, Ms: g.Sum(x => x.Ms))).OrderByDescending(g => g.Ms).Take(6);
            Console.WriteLine($"  {task.Start - origin,8:0.0} ms  {task.Ms,6:0.00} ms  {string.Join(", ", inside.Select(i => $"{i.Key} {i.Ms:0.00}"))}");
        }
    }

    private static LogItem.Command Item(int n) => new()
    {
        Channel = Channel.Hotline,
        Title = $"剖析来电 #{n}",
        Content = "群众来电反映滨江路夜间施工噪音扰民（性能剖析自动生成）。",
        Contact = "0571-0000" + (n % 10000).ToString("D4", CultureInfo.InvariantCulture),
        Location = "滨江路",
    };

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
