namespace OpinionResponse.Infrastructure.Live;

/// <summary>How live events travel (appsettings <c>Live</c>): inside this process, or between several through Redis.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary><see cref="LiveProvider.InProcess"/> (one app process, the default) or <see cref="LiveProvider.Redis"/>.</summary>
    public LiveProvider Provider { get; set; } = LiveProvider.InProcess;

    /// <summary>The StackExchange.Redis configuration string, e.g. <c>redis1:6379,password=…</c> (with <see cref="LiveProvider.Redis"/>).</summary>
    public string? Redis { get; set; }

    /// <summary>The pub/sub channel the desk's processes share; two desks on one Redis need two names.</summary>
    public string Channel { get; set; } = "opinionresponse:live";

    /// <summary>How often each process tells the others whom it has on which case (with several processes).</summary>
    public TimeSpan PresenceHeartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long another process may stay silent before its viewers are dropped (it died, or Redis is down): three
    /// heartbeats missed and a little time for a busy node.
    /// </summary>
    public TimeSpan PresenceExpiry { get; set; } = TimeSpan.FromSeconds(35);
}

public enum LiveProvider
{
    InProcess,
    Redis,
}
