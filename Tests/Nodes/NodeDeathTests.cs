using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Browser;
using OpinionResponse.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Nodes;

/// <summary>
/// A node dies under the officers of the other one (<see cref="ShortLeaseNodesFixture"/>): their open pages on the
/// surviving node keep working live, and the people who were on the dead node leave their presence lists once that
/// node has been silent for the presence expiry (35 s by default; shortened here to
/// <see cref="ShortLeaseNodesFixture.PresenceExpiry"/>, with a heartbeat every second).
/// </summary>
[Collection(ShortLeaseNodesCollection.Name)]
public sealed class NodeDeathTests(ShortLeaseNodesFixture nodes, ITestOutputHelper output)
{
    private const float LiveWithin = 5_000;

    [PostgreSqlNodesFact]
    public async Task When_node_A_is_killed_an_officers_pages_on_B_keep_working_live_and_A_s_viewers_leave_B_s_case_page()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var onA = new BrowserDesk(nodes.OnA);
        await using var onB = new BrowserDesk(nodes.OnB);
        try
        {
            await onB.RunAsync(() => onA.RunAsync(async () =>
            {
                // 王强 on B opens a case; 李娜 on A views it too: each sees the other.
                var chief = await onB.AsAsync(DemoAccounts.Chief);
                var caseId = await chief.LogAndOpenCaseAsync($"北岸镇东风桥护栏松动 {tag}", "市民来电反映东风桥护栏松动，存在安全隐患。");
                var analyst = await onA.AsAsync(DemoAccounts.Analyst);
                await analyst.OpenCaseAsync(caseId);
                var analystOnChiefsPage = chief.Locator("[data-testid=presence-viewer][data-user-name='李娜']");
                await Expect(analystOnChiefsPage).ToBeVisibleAsync(new() { Timeout = LiveWithin });
                await chief.MarkAsync();

                // 张伟 on B watches the queue.
                var duty = await onB.AsAsync(DemoAccounts.Duty);
                await duty.OpenAsync("/triage");
                await Expect(duty.GetByTestId("triage-count")).ToBeVisibleAsync();
                await duty.MarkAsync();

                await nodes.A.KillAsync();

                var title = $"北岸镇中心小学门口积水 {tag}";
                await nodes.PostItemAsync(nodes.B, title, "家长反映：北岸镇中心小学门口雨后积水严重，学生上学需涉水。");
                await output.LiveAsync("item posted to B after A died, on B's queue", () =>
                    Expect(duty.TriageRow(title)).ToHaveCountAsync(1, new() { Timeout = LiveWithin }));
                await output.LiveAsync("A's viewer gone from B's case page", () => Expect(analystOnChiefsPage)
                    .ToHaveCountAsync(0, new() { Timeout = (float)(ShortLeaseNodesFixture.PresenceExpiry.TotalMilliseconds + LiveWithin) }));

                // Both pages are still the circuits they were before, answering in the app.
                foreach (var page in new[] { chief, duty })
                {
                    await Expect(page.GetByTestId("reconnect-modal")).Not.ToBeVisibleAsync();
                    await page.ExpectNotReloadedAsync();
                }

                await duty.GetByTestId("nav-board").ClickAsync();
                await Expect(duty.GetByTestId("board")).ToBeVisibleAsync();
                await duty.ExpectNotReloadedAsync();
            }));
        }
        finally
        {
            await nodes.ReplaceAsync(nodes.A);
        }
    }
}
