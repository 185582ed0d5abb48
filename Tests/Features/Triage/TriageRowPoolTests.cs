using Microsoft.AspNetCore.Components;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

/// <summary>
/// Rows and row markup that several officers' triage pages show alike are kept once: two officers' queries of the same
/// queue give one row object per item, and a row that changed is not taken for its earlier self.
/// </summary>
[Collection(TriageDesk.Name)]
public class TriageRowPoolTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Two_officers_queries_of_the_same_queue_share_one_row_per_item_and_a_changed_row_is_its_own()
    {
        var tag = Desk.Tag();
        var first = await desk.LogItemAsync($"{tag} 滨江小区停水");
        var second = await desk.LogItemAsync($"{tag} 幸福路路灯不亮");
        var pool = new TriageRowPool();
        // The intake stages may still add a suggestion to the rows (the two texts are alike): wait until they are settled.
        await SettledAsync(tag);

        var duty = pool.Share(await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag)));
        var analystRaw = await desk.SendAsync(DemoAccounts.Analyst, new ListTriageQueue.Query(Search: tag));
        var analyst = pool.Share(analystRaw);

        Assert.Equal(2, duty.Items.Count);
        Assert.All(analyst.Items, row => Assert.Same(duty.Items.Single(d => d.Id == row.Id), row));

        await desk.SendAsync(DemoAccounts.Analyst, new ClaimItem.Command(first));
        var after = pool.Share(await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag)));

        var claimed = after.Items.Single(r => r.Id == first);
        Assert.NotSame(duty.Items.Single(r => r.Id == first), claimed);
        Assert.Equal(DemoAccounts.Analyst.DisplayName, claimed.ClaimedByName);
        Assert.Same(duty.Items.Single(r => r.Id == second), after.Items.Single(r => r.Id == second));
    }

    /// <summary>Until two queries a second apart read the same rows (the shared query result lives at most 2 s).</summary>
    private async Task SettledAsync(string tag)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        var last = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag));
        while (true)
        {
            await Task.Delay(1000);
            var next = await desk.SendAsync(DemoAccounts.Duty, new ListTriageQueue.Query(Search: tag));
            if (next.Items.SequenceEqual(last.Items))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, "the rows kept changing");
            last = next;
        }
    }

    [Fact]
    public void Equal_markup_is_one_string_and_a_full_pool_starts_afresh()
    {
        var pool = new TriageRowPool();
        var a = pool.Share(new MarkupString(string.Concat("<div>", "行", "</div>")));
        var b = pool.Share(new MarkupString(string.Concat("<div>", "行", "</div>")));
        Assert.Same(a.Value, b.Value);

        for (var i = 0; i < TriageRowPool.Capacity; i++)
        {
            pool.Share(new MarkupString($"<div>{i}</div>"));
        }

        Assert.InRange(pool.Markups, 1, TriageRowPool.Capacity);
        var c = pool.Share(new MarkupString(string.Concat("<div>", "行", "</div>")));
        Assert.Equal(a.Value, c.Value);
    }
}
