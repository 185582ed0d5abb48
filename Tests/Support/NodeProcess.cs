using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit;

namespace OpinionResponse.Tests.Support;

/// <summary>
/// The built app as a process of its own (<c>dotnet OpinionResponse.App.dll</c> from the App's build output, the same
/// configuration as these tests), configured by environment variables (<c>Live:Redis</c> → <c>Live__Redis</c>) in the
/// Development environment (static assets served from the build's manifest) on a free loopback port. Started, it has
/// answered <c>/health/ready</c>; disposed, its process tree is killed. What it logged is kept for a failing test.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();

    private NodeProcess(string name, Process process, int port)
    {
        Name = name;
        this.process = process;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string Name { get; }

    public int Port { get; }

    public string BaseUrl { get; }

    /// <summary>The last lines the process wrote (stdout and stderr).</summary>
    public string Log => string.Join('\n', log.TakeLast(80));

    public bool HasExited => process.HasExited;

    /// <summary><c>kill -9</c>: the process dies at once, releasing nothing (a crash, a pulled plug).</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>
    /// <c>kill -TERM</c>, as systemd or an operator stops the service: the app shuts down in order (its hosted services'
    /// StopAsync run). Returns once it has exited; killed if it has not within <paramref name="timeout"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        Assert.Equal(0, SendSignal(process.Id, SigTerm));
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Node {Name} did not stop within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s of SIGTERM:\n{Log}");
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Starts a node serving on a free port and waits until it is ready (<c>/health/ready</c> answers 200).</summary>
    public static async Task<NodeProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var port = FreePort.Next();
        var process = Launch(settings, ["--urls", $"http://127.0.0.1:{port}"]);
        var node = new NodeProcess(name, process, port);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(90));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Runs an admin command of the app (<c>apikey create …</c>) to its end.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunCommandAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        using var process = Launch(settings, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The app's own build output (the same configuration as these tests).</summary>
    public static string AppDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent?.Name ?? "Debug";
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "App", "bin", configuration, "net10.0", "OpinionResponse.App.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // The referenced app's copy beside the tests (it has its runtimeconfig there too).
        return Path.Combine(AppContext.BaseDirectory, "OpinionResponse.App.dll");
    }

    /// <summary>Starts the app with <paramref name="settings"/> as environment variables; the caller reads its output.</summary>
    public static Process Launch(IReadOnlyDictionary<string, string> settings, IEnumerable<string> args)
    {
        var appDll = AppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return Process.Start(start)!;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        while (log.Count > 400)
        {
            log.TryDequeue(out _);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(process.HasExited, $"Node {Name} exited with {(process.HasExited ? process.ExitCode : 0)} before it was ready:\n{Log}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < until, $"Node {Name} was not ready within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{Log}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
