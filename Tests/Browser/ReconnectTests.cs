using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Browser;

/// <summary>
/// A dropped connection reconnects and catches up; nothing typed in an open form is lost. The drop is real:
/// the page's Blazor WebSocket is closed from the page (a wrapper installed before <c>blazor.web.js</c> loads records every
/// socket) and its attempts to connect again are refused at the network layer until the test lets them through. The circuit stays on the server meanwhile (DisconnectedCircuitRetentionPeriod): what it rendered while the
/// browser was away is sent when the browser rejoins.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>Blazor retries at once ten times, then every 5 s: the rejoin after the network is back may take that long.</summary>
    private const float RejoinWithin = 20_000;

    [Fact]
    public async Task A_dropped_connection_rejoins_without_a_reload_catches_up_and_keeps_what_was_typed_in_the_open_form()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var mine = $"南湖公园夜间广场舞噪音扰民 {tag}";
            const string myContent = "南湖小区居民来电：公园广场舞音响晚上十点后仍未停止，影响老人和学生休息。";
            var theirs = $"北岸大桥桥面出现裂缝 {tag}";

            // 李娜 has the queue open and is logging a call in 登记信息; nothing saved yet.
            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.RecordSocketsAsync();
            await analyst.OpenAsync("/triage");
            await analyst.MarkAsync();
            await analyst.GetByTestId("log-item").ClickAsync();
            var dialog = await analyst.DialogWith("log-item-dialog").ReadyAsync();
            await analyst.ChooseAsync(dialog.GetByTestId("log-channel"), "热线电话");
            await dialog.GetByTestId("log-title").EnterAsync(mine);
            await dialog.GetByTestId("log-content").EnterAsync(myContent);
            await dialog.GetByTestId("log-author").EnterAsync("南湖小区居民");
            await dialog.GetByTestId("log-contact").EnterAsync("13900000007");

            var duty = await desk.AsAsync(DemoAccounts.Duty);
            await duty.OpenAsync("/triage");

            // Her connection drops: Blazor shows its reconnect overlay and keeps failing to rejoin.
            await analyst.DropConnectionAsync();
            var rejoining = analyst.GetByTestId("reconnect-modal");
            await Expect(rejoining).ToBeVisibleAsync();
            await Expect(rejoining).ToContainTextAsync("已填写但未保存的内容会保留");

            // 张伟 logs an item meanwhile: it cannot reach her page, which has no connection.
            await duty.LogItemAsync("论坛", theirs, "网友发帖：北岸大桥桥面出现多条裂缝，担心安全。", "网友");
            Assert.Equal(0, await analyst.OpenSocketCountAsync());
            await Expect(analyst.TriageRow(theirs)).ToHaveCountAsync(0);
            await Expect(rejoining).ToBeVisibleAsync();

            // The network comes back: the page rejoins its circuit by itself, no reload, and catches up.
            var watch = Stopwatch.StartNew();
            await analyst.RestoreConnectionAsync();
            await Expect(rejoining).ToBeHiddenAsync(new() { Timeout = RejoinWithin });
            output.WriteLine($"rejoined: {watch.ElapsedMilliseconds} ms");
            await Expect(analyst.TriageRow(theirs)).ToHaveCountAsync(1, new() { Timeout = RejoinWithin });
            output.WriteLine($"caught up: {watch.ElapsedMilliseconds} ms");
            await Expect(analyst.TriageRow(theirs).GetByTestId("triage-new")).ToBeVisibleAsync();
            Assert.Equal(1, await analyst.OpenSocketCountAsync());
            await analyst.ExpectNotReloadedAsync();

            // What she typed is still in the form, and saving it works on the rejoined circuit.
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.GetByTestId("log-title")).ToHaveValueAsync(mine);
            await Expect(dialog.GetByTestId("log-content")).ToHaveValueAsync(myContent);
            await Expect(dialog.GetByTestId("log-author")).ToHaveValueAsync("南湖小区居民");
            await Expect(dialog.GetByTestId("log-contact")).ToHaveValueAsync("13900000007");
            await dialog.SubmitAsync();
            await Expect(analyst.TriageRow(mine)).ToHaveCountAsync(1);
            await Expect(duty.TriageRow(mine)).ToHaveCountAsync(1);
            await analyst.ExpectNotReloadedAsync();
        });
    }

    [Fact]
    public async Task What_is_typed_while_the_connection_is_down_is_what_gets_saved_after_the_rejoin()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var draft = $"草稿标题 {tag}";
            var final = $"东街夜市油烟扰民 {tag}";
            const string content = "东街居民来电：夜市烧烤油烟直排，窗户无法打开。";

            var analyst = await desk.AsAsync(DemoAccounts.Analyst);
            await analyst.RecordSocketsAsync();
            await analyst.OpenAsync("/triage");
            await analyst.MarkAsync();
            await analyst.GetByTestId("log-item").ClickAsync();
            var dialog = await analyst.DialogWith("log-item-dialog").ReadyAsync();
            await analyst.ChooseAsync(dialog.GetByTestId("log-channel"), "热线电话");
            await dialog.GetByTestId("log-title").EnterAsync(draft);
            await dialog.GetByTestId("log-contact").EnterAsync("13900000008");

            // The connection drops while she is typing: the overlay covers the page, but the focus (and her typing) stays in the form.
            await analyst.DropConnectionAsync();
            var rejoining = analyst.GetByTestId("reconnect-modal");
            await Expect(rejoining).ToBeVisibleAsync();
            await dialog.GetByTestId("log-title").EnterAsync(final);
            await dialog.GetByTestId("log-content").EnterAsync(content);

            await analyst.RestoreConnectionAsync();
            await Expect(rejoining).ToBeHiddenAsync(new() { Timeout = RejoinWithin });
            await analyst.ExpectNotReloadedAsync();
            await Expect(dialog.GetByTestId("log-title")).ToHaveValueAsync(final);
            await Expect(dialog.GetByTestId("log-content")).ToHaveValueAsync(content);

            // Saved as shown, not as the circuit last heard before the drop.
            await dialog.SubmitAsync();
            await Expect(analyst.TriageRow(final)).ToHaveCountAsync(1);
            await Expect(analyst.TriageRow(draft)).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task On_a_case_page_too_what_is_typed_while_the_connection_is_down_is_what_gets_saved()
    {
        await using var desk = new BrowserDesk(fixture);
        await desk.RunAsync(async () =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var chief = await desk.AsAsync(DemoAccounts.Chief);
            var caseId = await chief.LogAndOpenCaseAsync($"江堤路护栏缺失 {tag}", "网友反映江堤路一段护栏缺失，夜间行人有落水危险。");
            await chief.RecordSocketsAsync();
            await chief.OpenCaseAsync(caseId);
            await chief.MarkAsync();
            var edit = await chief.BeginAsync("EditSummary");
            await edit.GetByTestId("summary").EnterAsync($"草稿 {tag}");

            await chief.DropConnectionAsync();
            var rejoining = chief.GetByTestId("reconnect-modal");
            await Expect(rejoining).ToBeVisibleAsync();
            var typed = $"城建办已派人查看，今晚先设临时围挡。{tag}";
            await edit.GetByTestId("summary").EnterAsync(typed);

            await chief.RestoreConnectionAsync();
            await Expect(rejoining).ToBeHiddenAsync(new() { Timeout = RejoinWithin });
            await chief.ExpectNotReloadedAsync();
            await chief.SubmitCaseAsync(edit);
            await Expect(chief.GetByTestId("case-summary")).ToHaveTextAsync(typed);
        });
    }

    /// <summary>
    /// The circuit is gone for good (kept disconnected longer than DisconnectedCircuitRetentionPeriod, shortened here for
    /// the test and put back after). Blazor's rejoin is refused, so .NET 10 resumes the page on a fresh circuit, or reloads it
    /// when there is nothing to resume (a restarted server): either way the officer lands on a working, live queue. An
    /// open dialog and what was typed in it do not survive that.
    /// </summary>
    [Fact]
    public async Task A_page_whose_circuit_is_gone_comes_back_on_a_fresh_circuit_with_a_live_queue()
    {
        await using var desk = new BrowserDesk(fixture);
        var options = fixture.App.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        var retention = options.DisconnectedCircuitRetentionPeriod;
        try
        {
            await desk.RunAsync(async () =>
            {
                var tag = Guid.NewGuid().ToString("N")[..6];
                var meanwhile = $"西湖路井盖缺失 {tag}";
                var after = $"西湖路井盖已补 {tag}";
                var analyst = await desk.AsAsync(DemoAccounts.Analyst);
                await analyst.RecordSocketsAsync();
                await analyst.OpenAsync("/triage");
                await analyst.MarkAsync();
                var duty = await desk.AsAsync(DemoAccounts.Duty);
                await duty.OpenAsync("/triage");

                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(1);
                await analyst.DropConnectionAsync();
                var rejoining = analyst.GetByTestId("reconnect-modal");
                await Expect(rejoining).ToBeVisibleAsync();
                await duty.LogItemAsync("论坛", meanwhile, "网友发帖：西湖路人行道井盖缺失，夜间行人易跌落。", "网友");
                await Task.Delay(TimeSpan.FromSeconds(3));
                options.DisconnectedCircuitRetentionPeriod = retention;

                await analyst.RestoreConnectionAsync();
                await Expect(rejoining).ToBeHiddenAsync(new() { Timeout = RejoinWithin });
                await BrowserFixture.WaitForCircuitAsync(analyst);
                var reloaded = !await analyst.EvaluateAsync<bool>("() => window.__liveMarker === 1");
                output.WriteLine(reloaded ? "the page reloaded" : "the page resumed on a fresh circuit without a reload");
                await Expect(analyst.TriageRow(meanwhile)).ToHaveCountAsync(1, new() { Timeout = RejoinWithin });

                // Live again: the next item shows without a reload.
                await analyst.MarkAsync();
                await duty.LogItemAsync("论坛", after, "网友反馈：西湖路井盖已补齐，感谢。", "网友");
                await Expect(analyst.TriageRow(after)).ToHaveCountAsync(1);
                await analyst.ExpectNotReloadedAsync();
            });
        }
        finally
        {
            options.DisconnectedCircuitRetentionPeriod = retention;
        }
    }
}

/// <summary>Steps that cut a page's connection for real.</summary>
public static class ConnectionSteps
{
    /// <summary>
    /// From the next navigation on, the page records every WebSocket it opens in <c>window.__sockets</c> (Blazor exposes
    /// none): call before <see cref="PageSteps.OpenAsync"/>.
    /// </summary>
    public static Task RecordSocketsAsync(this IPage page) => page.AddInitScriptAsync("""
        (() => {
            const Native = window.WebSocket;
            const sockets = window.__sockets = [];
            window.WebSocket = class extends Native {
                constructor(...args) {
                    super(...args);
                    sockets.push(this);
                }
            };
        })();
        """);

    /// <summary>
    /// Drops the page's connection: Blazor's attempts to connect again are refused (its negotiate requests are aborted at the
    /// network layer) and its open sockets are closed, so the server sees the client go. Blazor shows its reconnect overlay
    /// and retries until <see cref="RestoreConnectionAsync"/>. (Emulating offline instead leaves Chromium's close handshake
    /// hanging now and then: the socket stays CLOSING and Blazor never notices.)
    /// </summary>
    public static async Task DropConnectionAsync(this IPage page)
    {
        Assert.True(await page.OpenSocketCountAsync() > 0, "The page has no open WebSocket to drop (call RecordSocketsAsync before opening it).");
        await page.Context.RouteAsync(Negotiate, route => route.AbortAsync("internetdisconnected"));
        await page.EvaluateAsync("() => window.__sockets.filter(s => s.readyState === WebSocket.OPEN).forEach(s => s.close(4000, 'test: connection dropped'))");
        await page.WaitForFunctionAsync("() => window.__sockets.every(s => s.readyState === WebSocket.CLOSED)");
    }

    /// <summary>The network is back: Blazor's next attempt (at most 5 s away) gets through.</summary>
    public static Task RestoreConnectionAsync(this IPage page) => page.Context.UnrouteAsync(Negotiate);

    private const string Negotiate = "**/_blazor/negotiate**";

    public static Task<int> OpenSocketCountAsync(this IPage page) =>
        page.EvaluateAsync<int>("() => (window.__sockets ?? []).filter(s => s.readyState === WebSocket.OPEN).length");
}
