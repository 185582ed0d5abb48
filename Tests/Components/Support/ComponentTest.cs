using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using MudBlazor;
using MudBlazor.Services;
using OpinionResponse.App;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Components.Support;

/// <summary>
/// A fresh bUnit context per test over the real app's services: bUnit's own services (MudBlazor's, JS interop,
/// authorization, navigation) come first, and everything else (mediator, validators, localizer, clock) falls back to one
/// scope of the shared <see cref="TestApp"/>. The pages render inside the providers MudBlazor's dialogs, popovers and
/// snackbars need, as in the app's MainLayout.
/// </summary>
/// <remarks>
/// The context is disposed asynchronously: MudBlazor's services only dispose asynchronously, and xunit 2 would call a
/// synchronous Dispose.
/// </remarks>
public abstract class ComponentTest : IAsyncLifetime
{
    private static readonly CultureInfo Chinese = new("zh-CN");

    private readonly AsyncServiceScope scope;
    private readonly BunitAuthorizationContext authorization;
    private IDisposable? signedIn;

    protected ComponentTest(ComponentFixture fixture)
    {
        App = fixture.App;
        Desk = fixture.Desk;
        scope = App.Services.CreateAsyncScope();
        var appServices = scope.ServiceProvider;

        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });

        // The app's ActionRunner would show its messages on the app scope's snackbar; this one uses the rendered provider's.
        Context.Services.AddScoped(sp => new ActionRunner(appServices.GetRequiredService<IStringLocalizer<SharedResource>>(),
            sp.GetRequiredService<ISnackbar>(), appServices.GetRequiredService<ILogger<ActionRunner>>()));
        Context.Services.AddFallbackServiceProvider(appServices);
        authorization = Context.AddAuthorization();

        // Last: it builds the renderer, after which no service can be added. Interactive, as in a circuit.
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected TestApp App { get; }

    protected Desk Desk { get; }

    protected BunitContext Context { get; }

    /// <summary>
    /// Signs <paramref name="account"/> in for the rest of the test: the handlers see them through the app's
    /// <see cref="ICurrentUser"/> (TestSignIn, an AsyncLocal that flows from the test into the renderer's calls), the
    /// components through bUnit's authentication state, and the UI speaks Chinese. Synchronous on purpose: an
    /// AsyncLocal set inside an async helper would not reach the test's later clicks.
    /// </summary>
    protected Actor SignIn(DemoAccount account)
    {
        var actor = Desk.Actor(account);
        CultureInfo.CurrentCulture = Chinese;
        CultureInfo.CurrentUICulture = Chinese;
        signedIn?.Dispose();
        signedIn = App.Services.GetRequiredService<TestSignIn>().As(actor);

        authorization.SetAuthorized(account.UserName);
        authorization.SetRoles(actor.Roles.Select(r => r.ToString()).ToArray());
        authorization.SetClaims(
            [
                new Claim(ClaimTypes.NameIdentifier, actor.UserId),
                new Claim(AppClaims.DisplayName, actor.DisplayName),
                .. actor.UnitIds.Select(u => new Claim(AppClaims.Unit, u.ToString(CultureInfo.InvariantCulture))),
            ]);
        return actor;
    }

    /// <summary>Renders <typeparamref name="TPage"/> as the app's layout would: after the popover, dialog and snackbar providers.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage<TPage>(Action<RenderTreeBuilder>? parameters = null)
        where TPage : IComponent
    {
        return Context.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(3);
            parameters?.Invoke(builder);
            builder.CloseComponent();
        });
    }

    /// <summary>A UI string as the signed-in user reads it (call after <see cref="SignIn"/>, which sets the language).</summary>
    protected string Text(string key) => App.Services.GetRequiredService<IStringLocalizer<SharedResource>>()[key];

    /// <summary>
    /// The validation message MudBlazor shows under the field marked <paramref name="testId"/>, or "" when none; without
    /// the character counter (<c>12 / 4000</c>) that shares its line on fields that show their limit.
    /// </summary>
    protected static string FieldError(IRenderedComponent<ContainerFragment> page, string testId) =>
        System.Text.RegularExpressions.Regex.Replace(
            page.Find($"[data-testid={testId}]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim()
            ?? string.Empty, @"\s*\d+ / \d+$", string.Empty);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await scope.DisposeAsync();
        signedIn?.Dispose();
    }
}
