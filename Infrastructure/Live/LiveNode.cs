using System.Security.Cryptography;

namespace OpinionResponse.Infrastructure.Live;

/// <summary>
/// This app process among the others on the same desk: the name it signs its live events with. New at every start
/// (host, process and a random part), so a restarted process is never taken for the one that died.
/// </summary>
public sealed class LiveNode
{
    public LiveNode()
        : this($"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}")
    {
    }

    public LiveNode(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string Id { get; }

    public override string ToString() => Id;
}
