using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpinionResponse.Infrastructure.Backup;

/// <summary>
/// While the app serves, it holds <c>&lt;database&gt;.running</c> open exclusively (an OS file lock, released when the
/// process ends, even by a kill). A restore onto that database asks for the same lock and is refused while the app runs.
/// Admin commands (the CLI) do not take it: they run beside a serving app.
/// </summary>
public sealed class LiveDatabaseLock(string databasePath, ILogger<LiveDatabaseLock> logger) : IHostedService, IDisposable
{
    private FileStream? _held;

    public static FileStream? TryHold(string databasePath)
    {
        try
        {
            return new FileStream(databasePath + ".running", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _held = TryHold(databasePath);
        if (_held is null)
        {
            // Not fatal: a second instance on one file is the operator's mistake, but refusing to start would be worse.
            logger.LogError("Another process holds {Lock}: is a restore running, or a second app on the same database?", databasePath + ".running");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
