using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace OpinionResponse.Tests.Support;

/// <summary>
/// A real redis-server (Debian's package; test.sh installs it) on a free loopback port, with nothing written to disk, for
/// as long as a test or fixture holds it. Stopping and starting it again on the same port is a Redis outage.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? process;

    public RedisServer()
    {
        Port = FreePort.Next();
        Start();
    }

    /// <summary>Where redis-server is, or null when it is not installed (the tests that need it are skipped then).</summary>
    public static string? Executable { get; } = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    public const string NotInstalled = "redis-server is not installed (./test.sh installs Debian's redis-server package)";

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string (Live:Redis).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(NotInstalled))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!Pings())
        {
            Assert.False(process.HasExited, $"redis-server exited with {(process.HasExited ? process.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < until, "redis-server did not answer within 20 s");
            Thread.Sleep(50);
        }
    }

    /// <summary>Kills the server (an outage); <see cref="Start"/> brings it back on the same port.</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    private bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => Stop();
}

/// <summary>A <see cref="FactAttribute"/> skipped, with the reason, where redis-server is not installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null)
        {
            Skip = RedisServer.NotInstalled;
        }
    }
}

public static class FreePort
{
    /// <summary>A loopback port free right now (the OS's pick).</summary>
    public static int Next()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
