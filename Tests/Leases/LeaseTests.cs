using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Leases;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Leases;

/// <summary>The lease itself, on a real SQLite file: two nodes (two node identities) asking for one name, on a fake clock.</summary>
public sealed class LeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly TestApp app = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_free_lease_goes_to_the_first_node_and_is_refused_to_another_until_it_expires()
    {
        var (one, two) = (Node(), Node());
        var name = Name();

        var granted = await one.TryAcquireAsync(name, Duration, CancellationToken.None);
        time.Advance(Duration - TimeSpan.FromSeconds(1));
        var refused = await two.TryAcquireAsync(name, Duration, CancellationToken.None);

        Assert.NotNull(granted);
        Assert.Equal(1, granted.Token);
        Assert.Null(refused);
        Assert.Equal(one.Node, (await LeaseAsync(name)).Holder);
    }

    [Fact]
    public async Task The_holder_renews_with_the_same_token_and_a_later_expiry()
    {
        var one = Node();
        var name = Name();
        var first = await one.TryAcquireAsync(name, Duration, CancellationToken.None);

        time.Advance(Duration / 3);
        var renewed = await one.TryAcquireAsync(name, Duration, CancellationToken.None);

        Assert.Equal(first!.Token, renewed!.Token);
        Assert.Equal(first.ExpiresAt + Duration / 3, renewed.ExpiresAt);
        Assert.Equal(renewed.ExpiresAt, (await LeaseAsync(name)).ExpiresAt);
    }

    [Fact]
    public async Task An_expired_lease_goes_to_the_next_node_with_a_higher_token_and_the_old_holder_is_refused()
    {
        var (one, two) = (Node(), Node());
        var name = Name();
        var first = await one.TryAcquireAsync(name, Duration, CancellationToken.None);

        time.Advance(Duration + TimeSpan.FromSeconds(1));
        var taken = await two.TryAcquireAsync(name, Duration, CancellationToken.None);
        // The old holder wakes up (a pause, a frozen VM) and tries to renew: the lease has changed hands.
        var stale = await one.TryAcquireAsync(name, Duration, CancellationToken.None);

        Assert.Equal(first!.Token + 1, taken!.Token);
        Assert.Null(stale);
        var stored = await LeaseAsync(name);
        Assert.Equal((two.Node, taken.Token), (stored.Holder, stored.Version));
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_for_another_node()
    {
        var (one, two) = (Node(), Node());
        var name = Name();
        await one.TryAcquireAsync(name, Duration, CancellationToken.None);

        await one.ReleaseAsync(name, CancellationToken.None);
        var taken = await two.TryAcquireAsync(name, Duration, CancellationToken.None);

        Assert.Equal(2, taken!.Token);
    }

    [Fact]
    public async Task Two_nodes_asking_for_a_new_lease_at_the_same_moment_get_it_once()
    {
        for (var round = 0; round < 10; round++)
        {
            var (one, two) = (Node(), Node());
            var name = Name();

            var grants = await Task.WhenAll(
                Task.Run(() => one.TryAcquireAsync(name, Duration, CancellationToken.None)),
                Task.Run(() => two.TryAcquireAsync(name, Duration, CancellationToken.None)));

            Assert.Single(grants, g => g is not null);
        }
    }

    /// <summary>A node of its own: its own identity and its own write gate (another process), on the shared file and clock.</summary>
    private DatabaseLeases Node() =>
        new(app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>(), new IntakeWriteGate(), new NodeIdentity(), time);

    private static string Name() => $"test-{Guid.NewGuid():N}"[..30];

    private async Task<Lease> LeaseAsync(string name)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Leases.AsNoTracking().SingleAsync(l => l.Name == name);
    }
}
