using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpinionResponse.App.Common.Operations;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>The operator's probes and metrics, over real HTTP on the real app (docs/operations.md).</summary>
public sealed class OperationsTests(DirectServer server) : IClassFixture<DirectServer>
{
    [Fact]
    public async Task Liveness_answers_without_signing_in()
    {
        using var response = await server.Client().GetAsync(Operations.LivePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_the_intake_with_their_figures()
    {
        using var response = await server.Client().GetAsync(Operations.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("Healthy", checks["database"].GetProperty("status").GetString());
        Assert.True(checks["database"].GetProperty("data").GetProperty("migrations").GetInt32() > 0);
        Assert.Equal("Healthy", checks["intake"].GetProperty("status").GetString());
        Assert.Equal(0, checks["intake"].GetProperty("data").GetProperty("queueDepth").GetInt32());
    }

    [SqliteFact("an empty SQLite file is the database without the schema")]
    public async Task The_database_check_fails_on_a_database_without_the_schema_and_says_no_more_than_that()
    {
        var path = Path.Combine(Path.GetTempPath(), $"or-empty-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<OpinionDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
            var check = new DatabaseHealthCheck(new Factory(options));

            var result = await check.CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.DoesNotContain(path, result.Description);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private sealed class Factory(DbContextOptions<OpinionDbContext> options) : IDbContextFactory<OpinionDbContext>
    {
        public OpinionDbContext CreateDbContext() => new(options);
    }

    [Fact]
    public async Task Metrics_are_scraped_from_loopback_with_the_desks_own_figures()
    {
        // One request first, so the request-duration histogram has a point.
        (await server.Client().GetAsync(Operations.LivePath)).Dispose();

        var text = string.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await server.Client().GetAsync(Operations.MetricsPath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            return text.Contains("opinion_intake_queue_depth") && text.Contains("http_server_request_duration");
        });

        Assert.Contains("opinion_intake_queue_depth", text);
        Assert.Contains("opinion_intake_stage_backlog", text);
        Assert.Contains("http_server_request_duration", text);
    }
}

/// <summary>Behind the TLS proxy, a client elsewhere on the network is not an operator's scraper.</summary>
public sealed class ProxiedOperationsTests(ProxiedServer server) : IClassFixture<ProxiedServer>
{
    [Fact]
    public async Task Metrics_are_not_there_for_an_address_outside_the_operators_networks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Operations.MetricsPath);
        ProxiedServer.Forwarded(request, client: "203.0.113.9");

        using var response = await server.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("opinion_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_tells_a_client_outside_the_operators_networks_the_status_alone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Operations.ReadyPath);
        ProxiedServer.Forwarded(request, client: "203.0.113.9");

        using var response = await server.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(["status"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Liveness_still_answers_through_the_proxy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Operations.LivePath);
        ProxiedServer.Forwarded(request, client: "203.0.113.9");

        using var response = await server.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>
/// Readiness names this node's machine and process and which node holds which lease: figures for the operators. Whoever
/// else asks (here from no network address the operators listed, as through the test server) gets the status alone,
/// unless signed in as an administrator.
/// </summary>
public sealed class ReadinessDetailTests(SignInApp app) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task Anonymous_gets_the_status_and_nothing_that_names_the_node()
    {
        using var client = app.Client();

        var body = await ReadyAsync(client);

        Assert.Equal(["status"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(Environment.MachineName, body.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_officer_who_is_no_administrator_gets_the_status_alone()
    {
        using var client = await app.SignedInAsync(DemoAccounts.Duty);

        var body = await ReadyAsync(client);

        Assert.Equal(["status"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_signed_in_administrator_gets_every_check_with_the_node_and_its_leases()
    {
        using var client = await app.SignedInAsync(DemoAccounts.Admin);

        var body = await ReadyAsync(client);

        var leases = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "leases");
        Assert.Contains(Environment.MachineName, leases.GetProperty("data").GetProperty("node").GetString());
        Assert.Contains(body.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database");
    }

    private static async Task<JsonDocument> ReadyAsync(AccountClient client)
    {
        using var response = await client.GetAsync(Operations.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
