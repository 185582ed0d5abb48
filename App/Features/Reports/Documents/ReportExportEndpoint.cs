using Mediator;
using OpinionResponse.App.Common.Mediation;
using Microsoft.AspNetCore.Components.Authorization;
using OpinionResponse.App.Features.Reports.Bulletins;
using OpinionResponse.Domain.Reports;

namespace OpinionResponse.App.Features.Reports.Documents;

/// <summary>
/// The downloads of every report: a plain GET the browser saves, answered through <see cref="ExportReport"/> so the
/// mediator's authorization, unit scope, validation and audit apply as to any request.
/// </summary>
public static class ReportExportEndpoint
{
    public const string Path = "/reports/download";

    public static void MapReportExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path + "/{format}", async (HttpContext http, IMediator mediator, AuthenticationStateProvider authentication, ReportFormat format,
                ReportKind kind, int? id, DateOnly? day, BulletinPeriod? period, DateOnly? from, DateOnly? to, int? unit, PerformanceGrouping? by) =>
            {
                // Outside a circuit the authentication state is the request's own user.
                if (authentication is IHostEnvironmentAuthenticationStateProvider host)
                {
                    host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
                }

                try
                {
                    var file = await mediator.Send(new ExportReport.Command(new ReportRef(kind, id, day, period, from, to, unit, by), format), http.RequestAborted);
                    return TypedResults.File(file.Content, file.ContentType, file.Name);
                }
                catch (ForbiddenException)
                {
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                }
                catch (NotFoundException)
                {
                    return Results.NotFound();
                }
                catch (FluentValidation.ValidationException)
                {
                    return Results.BadRequest();
                }
            })
            .RequireAuthorization();
}
