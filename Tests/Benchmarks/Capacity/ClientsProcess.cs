using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace OpinionResponse.Benchmarks.Capacity;

/// <summary>The driver's side of <see cref="CapacityClients"/>: this program started again as <c>capacity-clients</c>.</summary>
public sealed class ClientsProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    private ClientsProcess(Process process)
    {
        this.process = process;
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                await lines.Writer.WriteAsync(line);
            }

            lines.Writer.TryComplete();
        });
    }

    public int Opened { get; private set; }

    public int Failed { get; private set; }

    public double FirstRenderBytes { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>CPU time the clients' process used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the process, sends the plan and waits until every circuit had its first render (or failed).</summary>
    public static async Task<ClientsProcess> StartAsync(ClientsPlan plan, TimeSpan timeout)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        var self = Environment.ProcessPath ?? "dotnet";
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ClientsProcess).Assembly.Location);
        }

        start.ArgumentList.Add("capacity-clients");
        // A load generator: workstation GC keeps its heap and threads small on a machine it shares with the server.
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the clients' process.");
        var clients = new ClientsProcess(process);
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(plan, JsonSerializerOptions.Web));
        await process.StandardInput.FlushAsync();
        var ready = (await clients.ReadAsync("READY", timeout)).Split(' ', 5);
        clients.Opened = int.Parse(ready[1], CultureInfo.InvariantCulture);
        clients.Failed = int.Parse(ready[2], CultureInfo.InvariantCulture);
        clients.FirstRenderBytes = double.Parse(ready[3], CultureInfo.InvariantCulture);
        clients.LastError = ready.Length > 4 && ready[4] != "-" ? ready[4] : null;
        return clients;
    }

    /// <summary>Bytes and render batches the circuits received so far, errors, connections closed.</summary>
    public async Task<(long Bytes, long Batches, long Errors, long Closed)> StatsAsync()
    {
        await process.StandardInput.WriteLineAsync("STATS");
        await process.StandardInput.FlushAsync();
        var parts = (await ReadAsync("STATS", TimeSpan.FromSeconds(30))).Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture));
    }

    private async Task<string> ReadAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            string line;
            try
            {
                line = await lines.Reader.ReadAsync(cancel.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                throw new TimeoutException($"The clients' process did not answer {prefix} within {timeout.TotalSeconds:0} s (exited: {process.HasExited}).");
            }

            if (line.StartsWith(prefix + " ", StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await process.StandardInput.WriteLineAsync("QUIT");
            await process.StandardInput.FlushAsync();
            process.StandardInput.Close();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }
}
