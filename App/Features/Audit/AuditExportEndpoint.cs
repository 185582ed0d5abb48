using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;
using OpinionResponse.Infrastructure.Audit;

namespace OpinionResponse.App.Features.Audit;

/// <summary>The download of <see cref="ExportAuditLog"/>: a plain GET the browser saves, through the mediator like any request.</summary>
public static class AuditExportEndpoint
{
    public const string Path = "/audit/export.csv";

    public static string Href(ListAuditLog.Filter f)
    {
        var query = new Dictionary<string, string?>
        {
            ["user"] = f.User,
            ["unit"] = f.UnitId?.ToString(CultureInfo.InvariantCulture),
            ["action"] = f.Action,
            ["from"] = f.From?.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = f.To?.ToString("O", CultureInfo.InvariantCulture),
            ["outcome"] = f.Outcome?.ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path.TrimStart('/'), query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }

    public static void MapAuditExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (HttpContext http, IMediator mediator, AuthenticationStateProvider authentication,
                string? user, int? unit, string? action, DateTime? from, DateTime? to, AuditOutcome? outcome) =>
            {
                // Outside a circuit the authentication state is the request's own user.
                if (authentication is IHostEnvironmentAuthenticationStateProvider host)
                {
                    host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
                }

                var filter = new ListAuditLog.Filter(user, unit, action, from?.ToUniversalTime(), to?.ToUniversalTime(), outcome);
                var csv = await mediator.Send(new ExportAuditLog.Command(filter), http.RequestAborted);
                var name = $"audit-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
                return TypedResults.File(csv, "text/csv; charset=utf-8", name);
            })
            .RequireAuthorization(policy => policy.RequireRole("Supervisor", "Admin"));
}
