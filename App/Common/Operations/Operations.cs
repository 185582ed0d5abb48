using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Observability;

namespace OpinionResponse.App.Common.Operations;

/// <summary>What an operator's tools need from the app: probes, and metrics to scrape (docs/operations.md).</summary>
public static class Operations
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    private const string Ready = "ready";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OperationsOptions>(configuration.GetSection(OperationsOptions.Section));
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<IntakeHealthCheck>("intake", tags: [Ready])
            .AddCheck<LeaseHealthCheck>("leases", tags: [Ready]);
        if (LiveSetup.ProviderOf(configuration) == LiveProvider.Redis)
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: [Ready]);
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(DeskMetrics.MeterName)
            // Request latency and connections come from ASP.NET Core's own meters; live circuits from Blazor's
            // (aspnetcore.components.circuit.active), so the app keeps no counter of its own beside them.
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Components.Server.Circuits")
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Liveness answers whether the process serves at all (a restart helps only when it does not); readiness whether this
    /// node should get users now (its database answers, its intake keeps up). Both are anonymous: a load balancer or
    /// nginx probes without signing in. Readiness gives each check's state and figures (the node's machine and process,
    /// which node holds which lease) only to the operator's networks (<see cref="OperationsOptions.ScrapeFrom"/>, loopback
    /// by default) and to a signed-in administrator; anyone else gets the overall status alone, which is all a probe needs.
    /// The metrics are answered only to the operator's networks: they describe the desk's traffic.
    /// </summary>
    public static void MapOperations(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteReportAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                // Slow but serving: keep sending users; the figures say what to watch.
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
    }

    /// <summary>Answers <see cref="MetricsPath"/> with 404 to an address outside the operator's networks, as if it were not there.</summary>
    public static void UseMetricsGuard(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(MetricsPath)
            && !context.RequestServices.GetRequiredService<IOptionsMonitor<OperationsOptions>>().CurrentValue.MayScrape(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next();
    });

    /// <summary>An operator's tool on one of their networks, or an administrator signed in (the roles come from the session).</summary>
    public static bool MaySeeDetail(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<OperationsOptions>>().CurrentValue.MayScrape(context.Connection.RemoteIpAddress)
        || context.User.IsInRole(nameof(Role.Admin));

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        if (!MaySeeDetail(context))
        {
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }));
        }

        // States and figures only: an exception's message can hold a path or a connection string.
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

public sealed class OperationsOptions
{
    public const string Section = "Operations";

    private static readonly string[] Loopback = ["127.0.0.0/8", "::1/128"];

    /// <summary>
    /// Networks (CIDR, e.g. 10.20.0.0/16) whose addresses may read the metrics; loopback when none is configured. Empty by
    /// default rather than holding loopback: configuration binds a list by adding to it, so a default could not be replaced.
    /// </summary>
    public List<string> ScrapeFrom { get; set; } = [];

    /// <summary>Committed items the grouping stages may be behind before readiness reports the intake as degraded.</summary>
    public int StageBacklogWarning { get; set; } = 10_000;

    public bool MayScrape(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        IEnumerable<string> networks = ScrapeFrom.Count == 0 ? Loopback : ScrapeFrom;
        return networks.Any(n => IPNetwork.TryParse(n, out var network) && network.Contains(address));
    }
}
