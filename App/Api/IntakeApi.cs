using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Api;

/// <summary>
/// The ingestion API for crawlers, the 12345 hotline system and monitoring vendors:
/// <c>POST /api/v1/items</c>, <c>POST /api/v1/items/batch</c>, <c>GET /api/v1/items/{id}</c>, described at
/// <c>/openapi/v1.json</c>. Outside the cookie sign-in, antiforgery and Blazor: a client is its <c>X-Api-Key</c>.
/// Items go through the one write path (<see cref="IItemIntake"/>): a 2xx means committed.
/// <list type="bullet">
/// <item>400 <c>application/problem+json</c> with per-field errors (camelCase), in zh-CN or, with Accept-Language en, English;</item>
/// <item>401 missing/unknown key, 403 revoked key; 404 an item of another client (or none);</item>
/// <item>413 body over <see cref="IntakeOptions.MaxItemBodyBytes"/> / <see cref="IntakeOptions.MaxBatchBodyBytes"/>;</item>
/// <item>429 with Retry-After: over <see cref="IntakeOptions.RateLimitPerMinute"/> for the key, or the write queue is full
/// (back-pressure: the request stored nothing, send it again after Retry-After).</item>
/// </list>
/// </summary>
public static class IntakeApi
{
    public const string RateLimitPolicy = "intake-api";

    /// <summary>The OpenAPI document's name for the X-Api-Key scheme.</summary>
    public const string ApiKeySchemeName = "ApiKey";

    public static IServiceCollection AddIntakeApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ApiItemReader>();
        services.AddScoped<ApiKeyFilter>();
        services.AddSingleton<UnknownKeyLimiter>();
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            // Every operation needs the client's key in X-Api-Key: said once for the whole document.
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeySchemeName] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
                    In = Microsoft.OpenApi.ParameterLocation.Header,
                    Name = ApiKeys.HeaderName,
                    Description = "The client's API key, created by an administrator (系统管理 → 接口密钥, or `apikey create`).",
                };
                document.Security ??= [];
                document.Security.Add(new Microsoft.OpenApi.OpenApiSecurityRequirement
                {
                    [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(ApiKeySchemeName, document)] = [],
                });
                return Task.CompletedTask;
            });
        });
        var perMinute = Math.Max(1, configuration.GetSection(IntakeOptions.Section).GetValue(nameof(IntakeOptions.RateLimitPerMinute), new IntakeOptions().RateLimitPerMinute));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per key (its hash: the key itself is not kept in memory longer than the request).
            options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ApiKeys.Hash(context.Request.Headers[ApiKeys.HeaderName].ToString().Trim()),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                ApiCulture.Apply(http);
                var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await TooMany(http, retryAfter, l["Api.RateLimited"]).ExecuteAsync(http);
            };
        });
        return services;
    }

    /// <summary>Rate limiting, the endpoints and the OpenAPI document.</summary>
    public static void UseIntakeApi(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api/v1/items")
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                // The ingested-item stages wait while requests are being served (IntakeActivity).
                var activity = context.HttpContext.RequestServices.GetRequiredService<IntakeActivity>();
                activity.Begin();
                try
                {
                    return await next(context);
                }
                finally
                {
                    activity.End();
                }
            })
            .AddEndpointFilter<ApiKeyFilter>()
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Items");

        api.MapPost("", PostItemAsync)
            .WithName("PostItem")
            .WithSummary("Submit one item")
            .WithDescription("Header X-Api-Key. 201 with the new item's id; 200 with the existing id when the same externalId was sent before.")
            .Accepts<ApiItemRequest>("application/json")
            .Produces<ApiItemStored>(StatusCodes.Status201Created)
            .Produces<ApiItemStored>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/batch", PostBatchAsync)
            .WithName("PostItemBatch")
            .WithSummary("Submit up to 1,000 items")
            .WithDescription("Header X-Api-Key. Body: a JSON array of items. Valid rows are stored, invalid rows reported with per-field errors; a row is stored whole or not at all.")
            .Accepts<List<ApiItemRequest>>("application/json")
            .Produces<ApiBatchResult>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{id:int}", GetItemAsync)
            .WithName("GetItem")
            .WithSummary("One item this client submitted, with its fields as sent")
            .Produces<ApiItemView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> PostItemAsync(
        HttpContext http, IItemIntake intake, ApiItemReader reader, IOptions<IntakeOptions> options, IStringLocalizer<SharedResource> l)
    {
        var (body, refused) = await ReadBodyAsync(http, options.Value.MaxItemBodyBytes, l);
        if (refused is not null)
        {
            return refused;
        }

        using (body)
        {
            if (body!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid(l, new Dictionary<string, string[]> { ["$"] = [l["Api.BodyNotObject"]] });
            }

            var (submission, errors) = await reader.ReadAsync(body.RootElement, ApiKeyFilter.CallerOf(http), http.RequestAborted);
            if (submission is null)
            {
                return Invalid(l, errors);
            }

            IntakeResult result;
            try
            {
                result = (await intake.SubmitAsync([submission], ApiAudit(http, "IntakeApi.PostItem", null), http.RequestAborted))[0];
            }
            catch (IntakeBusyException busy)
            {
                return TooMany(http, busy.RetryAfter, l["Api.Busy"]);
            }
            catch (IntakeFailedException)
            {
                return TypedResults.Problem(l["Api.StoreFailed"], statusCode: StatusCodes.Status500InternalServerError, title: l["Api.StoreFailed"]);
            }

            return result.Created
                ? Results.Json(new ApiItemStored(result.ItemId, ApiStatus.Created), ApiJson.Options, statusCode: StatusCodes.Status201Created)
                    .WithLocation(http, result.ItemId)
                : Results.Json(new ApiItemStored(result.ItemId, ApiStatus.Existing), ApiJson.Options);
        }
    }

    private static async Task<IResult> PostBatchAsync(
        HttpContext http, IItemIntake intake, ApiItemReader reader, IOptions<IntakeOptions> options, IStringLocalizer<SharedResource> l)
    {
        var (body, refused) = await ReadBodyAsync(http, options.Value.MaxBatchBodyBytes, l);
        if (refused is not null)
        {
            return refused;
        }

        using (body)
        {
            var root = body!.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return Invalid(l, new Dictionary<string, string[]> { ["$"] = [l["Api.BodyNotArray"]] });
            }

            var count = root.GetArrayLength();
            var max = options.Value.MaxItemsPerBatchRequest;
            if (count == 0 || count > max)
            {
                var message = count == 0 ? l["Api.EmptyBatch"].Value : string.Format(CultureInfo.CurrentCulture, l["Api.TooManyItems"], max);
                return Invalid(l, new Dictionary<string, string[]> { ["$"] = [message] });
            }

            var caller = ApiKeyFilter.CallerOf(http);
            var rows = new ApiBatchRow[count];
            var valid = new List<(int Index, ValidSubmission Submission)>();
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                var (submission, errors) = await reader.ReadAsync(element, caller, http.RequestAborted);
                if (submission is null)
                {
                    rows[index] = new ApiBatchRow(index, ApiStatus.Invalid, Errors: errors);
                }
                else
                {
                    valid.Add((index, submission));
                }

                index++;
            }

            if (valid.Count > 0)
            {
                IReadOnlyList<IntakeResult?> results;
                try
                {
                    var invalid = string.Create(CultureInfo.InvariantCulture, $"{{\"invalid\":{count - valid.Count}}}");
                    results = await intake.SubmitAsync(valid.Select(v => v.Submission).ToList(), ApiAudit(http, "IntakeApi.PostBatch", invalid), http.RequestAborted);
                }
                catch (IntakeBusyException busy)
                {
                    return TooMany(http, busy.RetryAfter, l["Api.Busy"]);
                }
                catch (IntakeFailedException failed)
                {
                    results = failed.Results;
                }

                for (var i = 0; i < valid.Count; i++)
                {
                    rows[valid[i].Index] = results[i] is { } r
                        ? new ApiBatchRow(valid[i].Index, r.Created ? ApiStatus.Created : ApiStatus.Existing, r.ItemId)
                        : new ApiBatchRow(valid[i].Index, ApiStatus.Failed, Errors: new Dictionary<string, string[]> { ["$"] = [l["Api.StoreFailed"]] });
                }
            }

            var result = new ApiBatchResult(
                rows.Count(r => r.Status == ApiStatus.Created),
                rows.Count(r => r.Status == ApiStatus.Existing),
                rows.Count(r => r.Status == ApiStatus.Invalid),
                rows.Count(r => r.Status == ApiStatus.Failed),
                rows);
            return Results.Json(result, ApiJson.Options);
        }
    }

    /// <summary>One audit row per request that stores, naming the key's client; committed with the items.</summary>
    private static IntakeAudit ApiAudit(HttpContext http, string action, string? detail) =>
        new(IntakeAudits.Entry(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, $"api:{ApiKeyFilter.CallerOf(http).Name}", action,
            http.Connection.RemoteIpAddress?.ToString(), detail));

    private static async Task<IResult> GetItemAsync(int id, HttpContext http, IDbContextFactory<OpinionDbContext> dbFactory, IStringLocalizer<SharedResource> l)
    {
        var caller = ApiKeyFilter.CallerOf(http);
        var sourceKey = caller.SourceKey;
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
        var item = await db.Items.AsNoTracking().Where(i => i.Id == id && i.SourceKey == sourceKey).FirstOrDefaultAsync(http.RequestAborted);
        if (item is null)
        {
            return TypedResults.Problem(l["Api.NotFound"], statusCode: StatusCodes.Status404NotFound, title: l["Api.NotFound"]);
        }

        var view = new ApiItemView
        {
            Id = item.Id,
            ExternalId = item.ExternalId,
            Channel = item.Channel.ToString(),
            Platform = item.Platform,
            Title = item.Title,
            Content = item.Content,
            Url = item.Url,
            Author = item.Author,
            PublishedAt = item.PublishedAt is { } utc
                ? new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(item.PublishedAtOffsetMinutes ?? 0))
                : null,
            Engagement = new ApiEngagement(item.Views, item.Shares, item.Comments, item.Likes),
            MediaPickup = item.MediaOutletsJson is { } outlets ? JsonSerializer.Deserialize<List<string>>(outlets) : null,
            Location = item.Location,
            CollectedAt = item.CollectedAt,
        };
        return Results.Json(view, ApiJson.Options);
    }

    /// <summary>The body as JSON within <paramref name="limit"/> bytes, or the problem to answer instead (413, 400).</summary>
    private static async Task<(JsonDocument? Body, IResult? Refused)> ReadBodyAsync(HttpContext http, long limit, IStringLocalizer<SharedResource> l)
    {
        var tooLarge = string.Format(CultureInfo.CurrentCulture, l["Api.BodyTooLarge"], limit);
        if (http.Request.ContentLength > limit)
        {
            return (null, TypedResults.Problem(tooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: tooLarge));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        try
        {
            return (await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem(tooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: tooLarge));
        }
        catch (JsonException ex)
        {
            return (null, Invalid(l, new Dictionary<string, string[]>
            {
                ["$"] = [string.Format(CultureInfo.CurrentCulture, l["Api.BodyNotJson"], ex.Message)],
            }));
        }
    }

    private static IResult Invalid(IStringLocalizer<SharedResource> l, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: l["Api.InvalidTitle"]);

    private static IResult TooMany(HttpContext http, TimeSpan retryAfter, string message)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(message, statusCode: StatusCodes.Status429TooManyRequests, title: message);
    }

    private static IResult WithLocation(this IResult result, HttpContext http, int id)
    {
        http.Response.Headers.Location = $"/api/v1/items/{id}";
        return result;
    }
}
