using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Operations;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.App.Features.Account;
using OpinionResponse.App.Api;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Leases;
using OpinionResponse.Infrastructure.Backup;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;
using OpinionResponse.Infrastructure.Feeds;
using OpinionResponse.Infrastructure.Identity;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Search;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Infrastructure.Similarity;

namespace OpinionResponse.App;

public static class Startup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>The largest message a browser may send over the live connection (see AddHubOptions below).</summary>
    public const long MaximumReceiveMessageSize = 256 * 1024;

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
        // Empty unless a host embedding the app registers assemblies of its own pages (RouteAssemblies).
        services.TryAddSingleton(sp => new RouteAssemblies(sp.GetServices<ExtraRouteAssembly>().Select(e => e.Assembly)));
        services.AddSingleton<PageRoutes>();
        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // SECURITY.md V1: each limit chosen on purpose (a test asserts these values).
                // Exception details reach the browser only on a developer's machine (A6).
                options.DetailedErrors = environment.IsDevelopment();
                // Disconnected circuits kept for reconnecting: the desk has ~100 officers, so one lost tab each at most;
                // beyond that the oldest go first, which bounds memory if connections drop en masse.
                options.DisconnectedCircuitMaxRetained = 100;
                // Long enough for a Wi-Fi hiccup or a laptop lid closed briefly to rejoin with the page's state; a
                // circuit abandoned longer is freed.
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                // A JS call that has not answered in 30 s (a frozen tab) fails instead of holding the circuit's await.
                options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
                // A slow client (or one that never acknowledges) holds at most 10 render batches in server memory
                // before rendering waits for it, instead of queueing the live queue's updates without bound.
                options.MaxBufferedUnacknowledgedRenderBatches = 10;
            })
            .AddHubOptions(options =>
            {
                // A form field's whole text travels in one message when it changes. SignalR's default (32 KB) dropped
                // item content from ~5,000 Chinese characters on: the change never arrived, and the form said the field
                // was empty. The longest field takes 20,000 characters (TextLimits.ItemContent); at up to 6 bytes a
                // character as sent (JSON-escaped) plus the event's envelope, 256 KB carries it with room, and still
                // bounds what one client can make the server buffer.
                options.MaximumReceiveMessageSize = MaximumReceiveMessageSize;
            });
        services.AddMudServices();
        services.AddWebSecurity(configuration, environment);
        if (configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keys)
        {
            // Several nodes: one key ring in a folder they share, under one application name, so that a sign-in cookie
            // or a form's antiforgery token made by one node is read by the others (nginx sends a user elsewhere when
            // their node is gone). Without it each node keeps its own ring and such a user signs in again.
            services.AddDataProtection().SetApplicationName("OpinionResponse").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

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
            // A signed-in user turned away from a page reads why and who may, instead of being asked to sign in again.
            options.AccessDeniedPath = "/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
            options.EventsType = typeof(SessionCookieEvents);
        });
        // Between the password and the second factor: as strict as the sign-in cookie itself (A6).
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "__Host-or-2fa";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<SessionLimits>(configuration.GetSection(SessionLimits.Section));
        // Required outside Development unless configured off; the Development demo signs in without it.
        services.Configure<TwoFactorOptions>(options => options.RequireTwoFactorForLeaders =
            configuration.GetValue("Security:RequireTwoFactorForLeaders", !environment.IsDevelopment()));
        services.AddSingleton<SessionStore>();
        services.AddSingleton<ISessionRevoker>(sp => sp.GetRequiredService<SessionStore>());
        services.AddScoped<SessionCookieEvents>();
        services.AddSignInRateLimit();
        services.AddScoped<UnknownUserTiming>();
        services.AddAuthorization();
        services.AddOpinionIdentity().AddClaimsPrincipalFactory<AppUserClaimsFactory>();
        services.Configure<PasswordAgeOptions>(configuration.GetSection(PasswordAgeOptions.Section));

        var connectionString = configuration.GetConnectionString("Default") ?? throw new InvalidOperationException("ConnectionStrings:Default is missing.");
        services.AddOpinionDatabase(DatabaseSetup.Provider(configuration), connectionString, environment.ContentRootPath);
        // Before the jobs that ask for leases: hosted services stop in reverse order, so the keeper releases after them.
        services.AddLeases(configuration);
        services.AddDatabaseBackup(configuration, connectionString, environment.ContentRootPath, environment.WebRootPath);
        services.AddSingleton<TimeProvider>(StoredPrecisionClock.System);
        // In-process by default; Redis between several app processes (Live:Provider, docs/deploy.md).
        services.AddLiveEvents(configuration);
        services.AddSingleton<LiveEventSink>();
        // The search index first: a screen refreshing on the live event then finds the case's new words.
        services.AddSingleton<OpinionResponse.App.Features.Search.CaseSearchSink>();
        services.AddSingleton<IDomainEventSink>(sp => new OpinionResponse.App.Features.Search.DomainEventSinks(
            [sp.GetRequiredService<OpinionResponse.App.Features.Search.CaseSearchSink>(), sp.GetRequiredService<LiveEventSink>()]));
        services.AddSearchIndex(configuration);
        services.AddSingleton<OpinionResponse.App.Features.Search.SearchRateLimit>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<OpinionResponse.App.Features.Triage.TriageRowPool>();
        services.AddSingleton<OpinionResponse.App.Features.Triage.TriageQueueCache>();
        services.AddSingleton<OpinionResponse.App.Features.Triage.TriageRowTimes>();
        services.AddSingleton<OpinionResponse.App.Common.Scoring.ScoringPolicies>();
        services.AddScoped<OpinionResponse.App.Features.Triage.QueueCountFeed>();
        // Intake: the single batching writer and the ingestion API.
        services.AddItemIntake(configuration);
        services.AddOperations(configuration);
        services.AddSingleton<OpinionResponse.Infrastructure.Audit.AuditTrail>();
        services.AddSingleton<OpinionResponse.Infrastructure.Audit.AuditSealer>();
        services.AddHostedService(sp => sp.GetRequiredService<OpinionResponse.Infrastructure.Audit.AuditSealer>());
        services.AddScoped<OpinionResponse.App.Common.Intake.SubmissionCheck>();
        services.AddIntakeApi(configuration);
        // RSS/Atom feeds: the guarded fetcher, and the poller as a singleton that is also the background service.
        services.AddFeedReading(configuration.GetSection(FeedOptions.Section));
        services.AddSingleton<OpinionResponse.App.Features.Feeds.FeedPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<OpinionResponse.App.Features.Feeds.FeedPoller>());
        // Near-duplicates: the fingerprint index, its background loader and the intake handler (stage 1, before same-matter).
        services.AddNearDuplicates(configuration);
        // Same-matter grouping: the index of recent items, its background loader and the intake handler.
        services.AddSameMatterGrouping(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, ClaimsCurrentUser>();
        services.AddScoped<CaseWork>();
        services.AddScoped<OpinionResponse.App.Features.Decisions.DecisionWork>();
        services.Configure<OpinionResponse.App.Features.Triage.TriageOptions>(configuration.GetSection("Triage"));
        services.AddSlaPolicy(configuration);
        services.AddClocks(configuration);
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

    /// <summary>
    /// Migrations at start-up; the demo organisation in Development; no published password anywhere else when serving
    /// (an admin command still runs, so that an operator can reset such a password from the command line).
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool serving = true)
    {
        await app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>().MigrateAsync();
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true))
        {
            await DemoSeed.SeedOrganisationAsync(app.Services, CancellationToken.None);
            await DemoSeed.SeedDemoDataAsync(app.Services, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None);
        }
        else if (!app.Environment.IsDevelopment() && serving)
        {
            await DemoSeed.EnsureNoDemoPasswordsAsync(app.Services, CancellationToken.None);
        }
    }

    public static void UseOpinionResponse(this WebApplication app)
    {
        // Subscribed before any page: the shared triage query moves to a new version before a page hears of a change.
        app.Services.GetRequiredService<OpinionResponse.App.Features.Triage.TriageQueueCache>();
        // Listening from the start too: another node's viewers are known before the first case page asks.
        app.Services.GetRequiredService<PresenceTracker>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseFailureAudit();
        app.UseMetricsGuard();

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            await next();
        });
        app.UseBlazorOriginCheck();
        app.UseNotFoundPage();
        app.UseRequestLocalization();
        // Placed here rather than left implicit (before all of the above): the error page is re-executed behind the
        // exception handler, and its endpoint must pass authorization there too, or a failure that matched no
        // endpoint ends as a bare 500 instead of the generic error page.
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeGuard>();
        app.UseTwoFactorEnrolmentGate();
        app.UseAntiforgery();
        app.MapStaticAssets();
        var pages = app.MapRazorComponents<global::OpinionResponse.App.Components.App>().AddInteractiveServerRenderMode();
        if (app.Services.GetRequiredService<RouteAssemblies>().Assemblies is { Count: > 0 } extra)
        {
            pages.AddAdditionalAssemblies([.. extra]);
        }

        app.MapAccountEndpoints();
        OpinionResponse.App.Features.Import.ImportTemplateEndpoints.MapImportTemplates(app);
        OpinionResponse.App.Features.Audit.AuditExportEndpoint.MapAuditExport(app);
        OpinionResponse.App.Features.Reports.Documents.ReportExportEndpoint.MapReportExport(app);
        app.UseIntakeApi();
        app.MapOperations();
    }
}
