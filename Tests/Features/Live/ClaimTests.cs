using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Live;

/// <summary>
/// An officer who starts triaging an item claims it; the others see who and cannot act on it, and the
/// claim ends when the claimant acts, cancels, or the lease runs out. Through the mediator on real SQLite.
/// </summary>
public class ClaimTests(DeskFixture fixture) : IClassFixture<DeskFixture>
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Of_two_officers_racing_for_one_item_exactly_one_wins()
    {
        var id = await desk.LogItemAsync();
        DemoAccount[] officers = [DemoAccounts.Duty, DemoAccounts.Analyst];

        Task<(DemoAccount Officer, DomainException? Refusal)>[] claims;
        await using (await desk.HoldWritesAsync())
        {
            // Both read the item as New, at the same version, before either can write.
            claims = officers.Select(officer => Task.Run(async () =>
            {
                try
                {
                    await desk.SendAsync(officer, new ClaimItem.Command(id));
                    return (officer, (DomainException?)null);
                }
                catch (DomainException refusal)
                {
                    return (officer, refusal);
                }
            })).ToArray();
        }

        var results = await Task.WhenAll(claims);
        var winner = Assert.Single(results, r => r.Refusal is null).Officer;
        var loser = Assert.Single(results, r => r.Refusal is not null);
        Assert.Contains(loser.Refusal!.Code, new[] { DomainErrors.ItemClaimedByOther, DomainErrors.ItemNotNew });
        var item = await desk.ItemAsync(id);
        Assert.Equal((TriageStatus.Claimed, desk.Actor(winner).UserId, winner.DisplayName), (item.Status, item.ClaimedBy, item.ClaimedByName));
    }

    [Fact]
    public async Task A_claimed_item_refuses_another_officers_dismiss_open_case_and_attach()
    {
        var id = await desk.LogItemAsync();
        var caseId = await desk.OpenCaseAsync();
        await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(id));

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst,
            new DismissItem.Command { ItemId = id, Reason = DismissReason.Duplicate }), DomainErrors.ItemClaimedByOther);
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new OpenCaseFromItem.Command
        {
            ItemId = id,
            Title = "抢先立案",
            ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
        }), DomainErrors.ItemClaimedByOther);
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new AttachItemToCase.Command(id, caseId)),
            DomainErrors.ItemClaimedByOther);
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new ClaimItem.Command(id)), DomainErrors.ItemClaimedByOther);

        var item = await desk.ItemAsync(id);
        Assert.Equal((TriageStatus.Claimed, desk.Actor(DemoAccounts.Duty).UserId, (int?)null), (item.Status, item.ClaimedBy, item.CaseId));
        Assert.Single(await desk.ItemsOfAsync(caseId));
    }

    [Fact]
    public async Task The_claimants_own_dismiss_works_and_clears_the_claim()
    {
        var id = await desk.LogItemAsync();
        await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(id));

        await desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = id, Reason = DismissReason.Spam });

        var item = await desk.ItemAsync(id);
        Assert.Equal(TriageStatus.Dismissed, item.Status);
        Assert.Equal(DemoAccounts.Duty.DisplayName, item.TriagedBy);
        Assert.Null(item.ClaimedBy);
        Assert.Null(item.ClaimedByName);
        Assert.Null(item.ClaimExpiresAt);
    }

    [Fact]
    public async Task The_claimants_own_open_case_works_and_clears_the_claim()
    {
        var id = await desk.LogItemAsync();
        await desk.SendAsync(DemoAccounts.Analyst, new ClaimItem.Command(id));

        var caseId = await desk.SendAsync(DemoAccounts.Analyst, new OpenCaseFromItem.Command
        {
            ItemId = id,
            Title = $"{Desk.Tag()} 滨江村自来水发黑",
            ResponsibleUnitId = desk.Unit(DemoAccounts.TownOffice),
        });

        var item = await desk.ItemAsync(id);
        Assert.Equal((TriageStatus.OpenedCase, (int?)caseId, (string?)null, (DateTime?)null), (item.Status, item.CaseId, item.ClaimedBy, item.ClaimExpiresAt));
    }

    [Fact]
    public async Task Release_by_the_claimant_frees_the_item_and_release_by_someone_else_does_nothing()
    {
        var id = await desk.LogItemAsync();
        await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(id));

        await desk.SendAsync(DemoAccounts.Analyst, new ReleaseItem.Command(id));

        var stillClaimed = await desk.ItemAsync(id);
        Assert.Equal((TriageStatus.Claimed, desk.Actor(DemoAccounts.Duty).UserId), (stillClaimed.Status, stillClaimed.ClaimedBy));

        await desk.SendAsync(DemoAccounts.Duty, new ReleaseItem.Command(id));

        var free = await desk.ItemAsync(id);
        Assert.Equal((TriageStatus.New, (string?)null, (string?)null, (DateTime?)null),
            (free.Status, free.ClaimedBy, free.ClaimedByName, free.ClaimExpiresAt));
        await desk.SendAsync(DemoAccounts.Analyst, new ClaimItem.Command(id));
        Assert.Equal(desk.Actor(DemoAccounts.Analyst).UserId, (await desk.ItemAsync(id)).ClaimedBy);
    }

    [Fact]
    public async Task The_queue_names_the_claimant_while_the_claim_lives()
    {
        var title = $"{Desk.Tag()} 北岸中学门口积水";
        var id = await desk.LogItemAsync(title);

        await desk.SendAsync(DemoAccounts.Chief, new ClaimItem.Command(id));

        var row = Assert.Single((await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: title))).Items);
        Assert.Equal((id, TriageStatus.Claimed, DemoAccounts.Chief.DisplayName), (row.Id, row.Status, row.ClaimedByName));
    }

    [Fact]
    public async Task Claiming_again_renews_the_lease()
    {
        var id = await desk.LogItemAsync();
        var first = await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(id));
        await Task.Delay(20);

        var renewed = await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(id));

        Assert.True(renewed > first, $"{renewed:O} is not after {first:O}");
        Assert.Equal(renewed, (await desk.ItemAsync(id)).ClaimExpiresAt);
    }

    [Fact]
    public async Task Claims_and_releases_are_announced_to_every_screen()
    {
        var id = await desk.LogItemAsync();
        var announced = new List<ItemsChanged>();
        using var subscription = desk.App.Services.GetRequiredService<ILiveEventHub>().Subscribe<ItemsChanged>(e =>
        {
            lock (announced)
            {
                announced.Add(e);
            }

            return ValueTask.CompletedTask;
        });

        // The intake's own announcements of the new item (collected, then its suggestions found) come first: wait for
        // them to settle, so what follows counts the claim's and the release's alone.
        var quietSince = DateTime.UtcNow;
        var lastCount = -1;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            int count;
            lock (announced)
            {
                count = announced.Count;
            }

            if (count != lastCount)
            {
                (lastCount, quietSince) = (count, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - quietSince > TimeSpan.FromMilliseconds(500))
            {
                break;
            }

            await Task.Delay(25);
        }

        lock (announced)
        {
            // Arriving and suggestions found: no claim changed (what waits for an officer does not re-query for them).
            Assert.All(announced.Where(e => e.ItemIds.Contains(id)), e => Assert.False(e.Claims));
            announced.Clear();
        }

        await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(id));
        await desk.SendAsync(DemoAccounts.Duty, new ReleaseItem.Command(id));

        lock (announced)
        {
            var mine = announced.Where(e => e.ItemIds.Contains(id)).ToList();
            Assert.Equal(2, mine.Count);
            Assert.All(mine, e => Assert.False(e.Collected));
            Assert.All(mine, e => Assert.True(e.Claims));
        }
    }
}

/// <summary>A claim whose lease ran out is free for anyone: a closed laptop never locks an item for good.</summary>
public class ExpiredClaimTests(ExpiredClaimTests.ShortLeaseDesk fixture) : IClassFixture<ExpiredClaimTests.ShortLeaseDesk>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task An_expired_claim_is_free_for_another_officer()
    {
        var title = $"{Desk.Tag()} 菜市场噪音扰民";
        var id = await desk.LogItemAsync(title);
        var expires = await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(id));
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, new ClaimItem.Command(id)), DomainErrors.ItemClaimedByOther);

        await WaitUntilAsync(expires);

        var row = Assert.Single((await desk.SendAsync(DemoAccounts.Analyst, new ListTriageQueue.Query(Search: title))).Items);
        Assert.Null(row.ClaimedByName);
        await desk.SendAsync(DemoAccounts.Analyst, new ClaimItem.Command(id));
        var item = await desk.ItemAsync(id);
        Assert.Equal((TriageStatus.Claimed, desk.Actor(DemoAccounts.Analyst).UserId), (item.Status, item.ClaimedBy));
    }

    [Fact]
    public async Task An_expired_claim_does_not_stop_another_officers_dismiss()
    {
        var id = await desk.LogItemAsync();
        var expires = await desk.SendAsync(DemoAccounts.Duty, new ClaimItem.Command(id));

        await WaitUntilAsync(expires);
        await desk.SendAsync(DemoAccounts.Analyst, new DismissItem.Command { ItemId = id, Reason = DismissReason.Duplicate });

        var item = await desk.ItemAsync(id);
        Assert.Equal((TriageStatus.Dismissed, DemoAccounts.Analyst.DisplayName, (string?)null), (item.Status, item.TriagedBy, item.ClaimedBy));
    }

    private static async Task WaitUntilAsync(DateTime utc)
    {
        var left = utc - DateTime.UtcNow;
        Assert.True(left <= Lease, $"the lease is {left}, not the configured {Lease}");
        await Task.Delay((left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromMilliseconds(150));
    }

    /// <summary>The real app with a one-second lease ("Triage:ClaimLease"), so a test can outlive a claim.</summary>
    public sealed class ShortLeaseApp : TestApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Triage:ClaimLease", Lease.ToString("c"));
        }
    }

    public sealed class ShortLeaseDesk : IAsyncLifetime
    {
        public TestApp App { get; } = new ShortLeaseApp();

        public Desk Desk { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            Desk = await Desk.CreateAsync(App);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
