using System.Globalization;

namespace OpinionResponse.Benchmarks;

/// <summary>p50/p95/max of a sample (nearest rank), in milliseconds.</summary>
public sealed record Summary(int Count, double P50, double P95, double Max)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new Summary(0, double.NaN, double.NaN, double.NaN)
            : new Summary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// CPU use over a phase, in percent of all cores: this process (the app, and the benchmark's driver, which is light), the
/// browser (every process this one started: Playwright's driver and Chromium), and the whole machine (so what others ran
/// on it meanwhile shows as the rest).
/// </summary>
public sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly TimeSpan processStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long browserStart = ReadDescendantTicks();
    private readonly (long Busy, long Total) machineStart = ReadMachine();
    private readonly long wallStart = Environment.TickCount64;

    public CpuUse Stop()
    {
        var wallMs = Math.Max(1, Environment.TickCount64 - wallStart);
        var cores = Environment.ProcessorCount;
        var process = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - processStart).TotalMilliseconds / (wallMs * cores) * 100;
        var browser = (ReadDescendantTicks() - browserStart) / TicksPerSecond * 1000 / (wallMs * cores) * 100;
        var (busy, total) = ReadMachine();
        var machine = total == machineStart.Total ? double.NaN : 100.0 * (busy - machineStart.Busy) / (total - machineStart.Total);
        return new CpuUse(Math.Round(process, 1), Math.Round(browser, 1), Math.Round(machine, 1));
    }

    /// <summary>/proc/stat's first line: (busy jiffies, all jiffies).</summary>
    private static (long Busy, long Total) ReadMachine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Take(8).Sum();
            return (total - idle, total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return (0, 0);
        }
    }

    /// <summary>utime + stime of every live process descended from this one (ticks).</summary>
    private static long ReadDescendantTicks()
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // The command name may hold spaces: the fields start after its closing parenthesis.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // Gone meanwhile.
            }
        }

        var self = Environment.ProcessId;
        long ticks = 0;
        foreach (var (pid, (_, own)) in stats)
        {
            for (var parent = stats[pid].Parent; parent > 1 && stats.ContainsKey(parent); parent = stats[parent].Parent)
            {
                if (parent == self)
                {
                    ticks += own;
                    break;
                }
            }
        }

        return ticks;
    }
}

/// <summary>Percent of all cores.</summary>
public sealed record CpuUse(double App, double Browser, double Machine);
