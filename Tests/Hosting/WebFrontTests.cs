using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>
/// SECURITY.md Z4 (foreign Origin on the live connection), A6 (forwarded headers from known proxies only), V3 (failures
/// outside the mediator), I2 (CSP) and V1 (circuit limits), over real HTTP and WebSocket against the app reached
/// directly, in Development.
/// </summary>
public sealed class WebFrontTests(DirectServer server) : IClassFixture<DirectServer>
{
    private const string Foreign = "http://evil.example:8081";

    [Fact]
    public async Task Negotiate_refuses_a_foreign_origin_and_accepts_the_apps_own()
    {
        using var http = server.Client();
        Assert.Equal(HttpStatusCode.Forbidden, (await NegotiateAsync(http, Foreign)).StatusCode);
        // Another port of the same host is another origin.
        var otherPort = $"http://127.0.0.1:{server.BaseUri.Port + 1}";
        Assert.Equal(HttpStatusCode.Forbidden, (await NegotiateAsync(http, otherPort)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await NegotiateAsync(http, "null")).StatusCode);

        var own = await NegotiateAsync(http, server.BaseUrl.TrimEnd('/'));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.NotNull((await own.Content.ReadFromJsonAsync<JsonObject>())!["connectionToken"]);
    }

    [Fact]
    public async Task The_websocket_upgrade_refuses_a_foreign_origin_and_accepts_the_apps_own()
    {
        using var http = server.Client();
        var token = await ConnectionTokenAsync(http);
        var socketUri = new Uri($"ws://{server.BaseUri.Authority}/_blazor?id={token}");

        using var foreign = new ClientWebSocket();
        foreign.Options.CollectHttpResponseDetails = true;
        foreign.Options.SetRequestHeader("Origin", Foreign);
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(socketUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Origin", server.BaseUrl.TrimEnd('/'));
        await own.ConnectAsync(new Uri($"ws://{server.BaseUri.Authority}/_blazor?id={await ConnectionTokenAsync(http)}"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
        await own.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task A_failing_api_request_answers_problem_json_without_a_stack_writes_an_audit_row_and_the_server_goes_on()
    {
        using var http = server.Client();
        var path = WebServer.Fresh(WebServer.FailingApiPath);
        var failed = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        var body = await failed.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(500, (int)problem["status"]!);
        Assert.Equal("服务器处理请求时出错，本次请求未完成，请稍后重试。", (string?)problem["title"]);

        var audit = Assert.Single(await server.FailuresAsync(path));
        Assert.Equal(OpinionResponse.Infrastructure.Audit.AuditOutcome.Failed, audit.Outcome);
        Assert.Contains("InvalidOperationException", audit.Detail);
        Assert.Equal("127.0.0.1", audit.Ip);

        // One bad request never takes the process down: the next ones are served.
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/items/1")).StatusCode);
    }

    [Fact]
    public async Task A_forwarded_for_header_from_a_proxy_not_configured_is_not_believed()
    {
        using var http = server.Client();
        var path = WebServer.Fresh(WebServer.FailingApiPath);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        ProxiedServer.Forwarded(request, client: "198.51.100.77");
        await http.SendAsync(request);

        var audit = Assert.Single(await server.FailuresAsync(path));
        Assert.Equal("127.0.0.1", audit.Ip);
    }

    [Fact]
    public async Task Every_page_carries_a_content_security_policy_that_forbids_framing()
    {
        using var http = server.Client();
        var page = await http.GetAsync("/account/login");
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
    }

    /// <summary>SECURITY.md V1: the chosen values (why each: see Startup.AddOpinionResponse).</summary>
    [Fact]
    public void The_circuit_limits_are_the_chosen_ones()
    {
        var circuit = server.App.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(100, circuit.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), circuit.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), circuit.JSInteropDefaultCallTimeout);
        Assert.Equal(10, circuit.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(10, server.App.Services.GetRequiredService<IOptions<OpinionResponse.App.Common.Security.SecurityOptions>>().Value.MaxCircuitsPerUser);
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        request.Content = new StringContent(string.Empty);
        return await http.SendAsync(request);
    }

    private async Task<string> ConnectionTokenAsync(HttpClient http)
    {
        var negotiated = await NegotiateAsync(http, server.BaseUrl.TrimEnd('/'));
        negotiated.EnsureSuccessStatusCode();
        return (string)(await negotiated.Content.ReadFromJsonAsync<JsonObject>())!["connectionToken"]!;
    }
}

/// <summary>As deployed behind the TLS proxy, in Production: A6 (client address, HSTS, cookies), Z4 through the proxy, V3's page.</summary>
public sealed class ProxiedWebFrontTests(ProxiedServer server) : IClassFixture<ProxiedServer>
{
    [Fact]
    public async Task The_client_address_a_known_proxy_forwards_is_the_one_audited()
    {
        using var http = server.Client();
        var path = WebServer.Fresh(WebServer.FailingApiPath);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        ProxiedServer.Forwarded(request, client: "203.0.113.9");
        var failed = await http.SendAsync(request);

        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        var audit = Assert.Single(await server.FailuresAsync(path));
        Assert.Equal("203.0.113.9", audit.Ip);
    }

    [Fact]
    public async Task Over_https_through_the_proxy_the_answer_carries_hsts_and_the_antiforgery_cookie_is_host_prefixed_and_secure()
    {
        using var http = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        ProxiedServer.Forwarded(request);
        var page = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-or-af=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", antiforgery);
        Assert.Contains("; httponly", antiforgery);
        Assert.Contains("; samesite=strict", antiforgery);
        Assert.Contains("; path=/", antiforgery);
        Assert.DoesNotContain("domain=", antiforgery);
    }

    [Fact]
    public async Task The_live_connection_behind_the_proxy_takes_the_public_origin_and_the_configured_one_only()
    {
        using var http = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(http, $"https://{ProxiedServer.PublicHost}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(http, ProxiedServer.AllowedOrigin)).StatusCode);
        // The same host over plain http is another origin; so is another intranet app.
        Assert.Equal(HttpStatusCode.Forbidden, (await NegotiateAsync(http, $"http://{ProxiedServer.PublicHost}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await NegotiateAsync(http, "https://oa.beian.test")).StatusCode);
    }

    [Fact]
    public async Task A_failing_page_shows_the_generic_error_page_in_chinese_without_details_and_is_audited()
    {
        using var http = server.Client();
        var path = WebServer.Fresh(WebServer.FailingPagePath);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        ProxiedServer.Forwarded(request);
        var failed = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("text/html", failed.Content.Headers.ContentType?.MediaType);
        // The page's Chinese text is sent as character references.
        var body = WebUtility.HtmlDecode(await failed.Content.ReadAsStringAsync());
        Assert.Contains("页面出错了", body);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.Single(await server.FailuresAsync(path));
    }

    [Fact]
    public void Outside_development_a_circuit_sends_no_detailed_errors()
    {
        Assert.False(server.App.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        ProxiedServer.Forwarded(request);
        request.Headers.Add("Origin", origin);
        request.Content = new StringContent(string.Empty);
        return await http.SendAsync(request);
    }
}

/// <summary>A6: with a proxy configured, a sender that is not that proxy cannot pose as another client.</summary>
public sealed class UnknownProxyTests(OtherProxyServer server) : IClassFixture<OtherProxyServer>
{
    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        using var http = server.Client();
        var path = WebServer.Fresh(WebServer.FailingApiPath);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        ProxiedServer.Forwarded(request, client: "198.51.100.78");
        var failed = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.False(failed.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http: the forwarded https was believed");
        Assert.Equal("127.0.0.1", Assert.Single(await server.FailuresAsync(path)).Ip);
    }
}
