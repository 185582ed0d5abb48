using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.Infrastructure.Leases;
using OpinionResponse.Tests.Support;

namespace OpinionResponse.Tests.Leases;

/// <summary>
/// One node of a two-node desk: the real app with its own DI container, on a database file another node may share
/// (<see cref="NextNode"/>). With a <see cref="FakeTimeProvider"/> each node has a clock of its own, so a test can
/// let one node's time run while another's stands still (a node that died without releasing its leases).
/// </summary>
public sealed class NodeApp : TestApp
{
    public NodeApp(FakeTimeProvider? time = null)
    {
        Time = time;
    }

    private NodeApp(NodeApp first, FakeTimeProvider? time)
        : base(first)
    {
        Time = time;
        foreach (var (key, value) in first.Settings)
        {
            Settings[key] = value;
        }
    }

    /// <summary>This node's clock; null for real time.</summary>
    public FakeTimeProvider? Time { get; }

    public LeaseKeeper Leases => Services.GetRequiredService<LeaseKeeper>();

    public ClockWatcher Watcher => Services.GetRequiredService<ClockWatcher>();

    /// <summary>Another node on this node's database, with the same settings and a clock of its own set to this one's time.</summary>
    public NodeApp NextNode() => new(this, Time is null ? null : new FakeTimeProvider(Time.GetUtcNow())) { WatchClocks = WatchClocks };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Time is { } time)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        }
    }
}
