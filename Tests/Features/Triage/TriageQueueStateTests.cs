using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

/// <summary>
/// The triage queue's state without its page: one officer's queue on the real desk (SQLite, the mediator), the way a page
/// of one circuit holds it.
/// </summary>
[Collection(TriageDesk.Name)]
public class TriageQueueStateTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_selection_moves_with_the_keys_and_after_a_reload_stays_on_its_row_or_the_one_that_took_its_place()
    {
        var tag = Desk.Tag();
        var oldest = await desk.LogItemAsync($"{tag} 一");
        var middle = await desk.LogItemAsync($"{tag} 二");
        var newest = await desk.LogItemAsync($"{tag} 三");
        await using var duty = Open(DemoAccounts.Duty);

        await duty.SearchAsync(tag);

        Assert.Equal([newest, middle, oldest], duty.State.Queue!.Items.Select(i => i.Id));
        Assert.Equal(newest, duty.State.SelectedId);
        Assert.True(duty.State.Move(1));
        Assert.Equal(middle, duty.State.SelectedId);
        Assert.True(duty.State.Move(5));
        Assert.Equal(oldest, duty.State.SelectedId);
        Assert.True(duty.State.Move(-1));

        await duty.State.LoadAsync();
        Assert.Equal(middle, duty.State.SelectedId);

        await desk.SendAsync(DemoAccounts.Duty, new DismissItem.Command { ItemId = middle, Reason = DismissReason.Spam });
        await Eventually.HoldsAsync(async () =>
        {
            await duty.State.LoadAsync();
            return duty.State.Queue!.Items.All(i => i.Id != middle);
        });
        Assert.Equal(oldest, duty.State.SelectedId);
    }

    [Fact]
    public async Task An_item_that_arrives_while_the_queue_is_open_is_new_until_the_officer_selects_it()
    {
        var tag = Desk.Tag();
        var before = await desk.LogItemAsync($"{tag} 之前");
        await using var duty = Open(DemoAccounts.Duty);
        var after = await desk.LogItemAsync($"{tag} 之后");

        await duty.SearchAsync(tag);

        var rows = duty.State.Queue!.Items.ToDictionary(i => i.Id);
        Assert.False(duty.State.IsNew(rows[before]));
        Assert.True(duty.State.IsNew(rows[after]));
        duty.State.Select(rows[after]);
        Assert.False(duty.State.IsNew(rows[after]));
        await duty.State.LoadAsync();
        Assert.False(duty.State.IsNew(duty.State.Queue!.Items.Single(i => i.Id == after)));
    }

    [Fact]
    public async Task A_claim_shows_to_the_others_while_the_dialog_is_open_and_cancelling_releases_it()
    {
        var tag = Desk.Tag();
        var id = await desk.LogItemAsync($"{tag} 认领");
        await using var duty = Open(DemoAccounts.Duty);
        await duty.SearchAsync(tag);

        Assert.True(await duty.State.ClaimAsync(id));

        Assert.Equal(id, duty.State.ClaimedId);
        Assert.Equal(desk.Actor(DemoAccounts.Duty).UserId, await ClaimantAsync(tag, id));
        await duty.State.LoadAsync();
        Assert.False(duty.State.ClaimedByOther(duty.State.Queue!.Items.Single(i => i.Id == id)));

        await duty.State.EndClaimAsync(acted: false);

        Assert.Null(duty.State.ClaimedId);
        Assert.Null(await ClaimantAsync(tag, id));
    }

    [Fact]
    public async Task Closing_the_page_releases_the_claim_it_holds()
    {
        var tag = Desk.Tag();
        var id = await desk.LogItemAsync($"{tag} 关闭页面");
        await using var duty = Open(DemoAccounts.Duty);
        await duty.SearchAsync(tag);
        Assert.True(await duty.State.ClaimAsync(id));

        duty.State.Dispose();

        await Eventually.HoldsAsync(async () => await ClaimantAsync(tag, id) is null);
    }

    private async Task<string?> ClaimantAsync(string tag, int id) =>
        (await desk.SendAsync(DemoAccounts.Chief, new ListTriageQueue.Query(Search: tag))).Items.Single(i => i.Id == id).ClaimedById;

    /// <summary>
    /// One officer's queue as one circuit holds it: a scope of its own, signed in as <paramref name="account"/> for the rest
    /// of the test's flow (not async, so that the sign-in stays with the caller).
    /// </summary>
    private Officer Open(DemoAccount account)
    {
        var scope = fixture.App.Services.CreateAsyncScope();
        var signedIn = scope.ServiceProvider.GetRequiredService<TestSignIn>().As(desk.Actor(account));
        var services = scope.ServiceProvider;

        // As the server does for a circuit: the snackbar the refusals go to follows the page's address.
        ((IHostEnvironmentNavigationManager)services.GetRequiredService<NavigationManager>()).Initialize("http://localhost/", "http://localhost/triage");
        var officer = new Officer(scope, signedIn);
        officer.State = new TriageQueueState(services.GetRequiredService<IMediator>(), services.GetRequiredService<ActionRunner>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILiveEventHub>(), services.GetRequiredService<IOptions<TriageOptions>>(),
            services.GetRequiredService<ICurrentUser>(), services.GetRequiredService<QueueCountFeed>(), NullLogger.Instance,
            work => work(), officer.Rendered);
        return officer;
    }

    private sealed class Officer(AsyncServiceScope scope, IDisposable signedIn) : IAsyncDisposable
    {
        private TaskCompletionSource rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TriageQueueState State { get; set; } = null!;

        public void Rendered() => rendered.TrySetResult();

        /// <summary>Types <paramref name="text"/> into the search box and waits for the search that runs when typing stops.</summary>
        public async Task SearchAsync(string text)
        {
            rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            State.SearchTyped(text);
            await rendered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public async ValueTask DisposeAsync()
        {
            State.Dispose();
            signedIn.Dispose();
            await scope.DisposeAsync();
        }
    }
}
