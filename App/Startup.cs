using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.App.Features.Account;
using OpinionResponse.App.Api;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;
using OpinionResponse.Infrastructure.Feeds;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Infrastructure.Similarity;

namespace OpinionResponse.App;

public static class Startup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>
    /// The one configuration file is appsettings.json at the repository root (copied beside the binaries). It goes
    /// first, so environment variables and the command line still override it.
    /// </summary>
    public static void UseRepositoryAppSettings(this WebApplicationBuilder builder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var others = builder.Configuration.Sources.ToList();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        foreach (var source in others)
        {
            builder.Configuration.Sources.Add(source);
        }
    }

    public static IServiceCollection AddOpinionResponse(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        // Chinese text as characters, not numeric entities (&#x767B;): the default encoder allows only Basic Latin, which
        // made prerendered pages ~2.7 times their size.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                options.DetailedErrors = environment.IsDevelopment();
                options.DisconnectedCircuitMaxRetained = 100;
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
                options.MaxBufferedUnacknowledgedRenderBatches = 10;
            });
        services.AddMudServices();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "__Host-or-auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/login";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
        });
        services.AddAuthorization();
        services.AddOpinionIdentity().AddClaimsPrincipalFactory<AppUserClaimsFactory>();

        services.AddOpinionDatabase(
            configuration.GetConnectionString("Default") ?? throw new InvalidOperationException("ConnectionStrings:Default is missing."),
            environment.ContentRootPath);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILiveEventHub, InProcessLiveEventHub>();
        services.AddSingleton<IDomainEventSink, LiveEventSink>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<OpinionResponse.App.Features.Triage.TriageRowPool>();
        services.AddSingleton<OpinionResponse.App.Features.Triage.TriageQueueCache>();
        services.AddScoped<OpinionResponse.App.Features.Triage.QueueCountFeed>();
        // Intake (issue 4): the single batching writer and the ingestion API.
        services.AddItemIntake(configuration);
        services.AddIntakeApi(configuration);
        // RSS/Atom feeds (issue 4): the guarded fetcher, and the poller as a singleton that is also the background service.
        services.AddFeedReading(configuration.GetSection(FeedOptions.Section));
        services.AddSingleton<OpinionResponse.App.Features.Feeds.FeedPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<OpinionResponse.App.Features.Feeds.FeedPoller>());
        // Near-duplicates (issue 4): the fingerprint index, its background loader and the intake handler (stage 1, before same-matter).
        services.AddNearDuplicates(configuration);
        // Same-matter grouping (issue 5): the index of recent items, its background loader and the intake handler.
        services.AddSameMatterGrouping(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, ClaimsCurrentUser>();
        services.AddScoped<CaseWork>();
        services.Configure<OpinionResponse.App.Features.Triage.TriageOptions>(configuration.GetSection("Triage"));
        services.AddSlaPolicy(configuration);
        services.AddScoped<OpinionResponse.App.Common.Ui.ActionRunner>();

        ValidatorOptions.Global.LanguageManager = new OpinionResponse.App.Common.Web.ChineseValidationMessages { Enabled = true };
        services.AddValidatorsFromAssemblyContaining<SharedResource>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(SharedResource)];
            options.PipelineBehaviors =
            [
                typeof(TimingBehaviour<,>),
                typeof(AuditBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
            ];
        });
        return services;
    }

    /// <summary>Migrations at start-up; the demo organisation in Development; no published password anywhere else.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().MigrateAsync();
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true))
        {
            await DemoSeed.SeedOrganisationAsync(app.Services, CancellationToken.None);
            await DemoSeed.SeedDemoDataAsync(app.Services, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None);
        }
        else if (!app.Environment.IsDevelopment())
        {
            await DemoSeed.EnsureNoDemoPasswordsAsync(app.Services, CancellationToken.None);
        }
    }

    public static void UseOpinionResponse(this WebApplication app)
    {
        // Subscribed before any page: the shared triage query moves to a new version before a page hears of a change.
        app.Services.GetRequiredService<OpinionResponse.App.Features.Triage.TriageQueueCache>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            await next();
        });
        app.UseRequestLocalization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<global::OpinionResponse.App.Components.App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        OpinionResponse.App.Features.Import.ImportTemplateEndpoints.MapImportTemplates(app);
        app.UseIntakeApi();
    }
}
