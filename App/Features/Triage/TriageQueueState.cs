using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Triage;

/// <summary>
/// The state of one officer's triage queue, apart from its markup (<see cref="TriagePage"/>): the query (search, channel,
/// page) and its result, the selection and how it survives a reload, the "新" marks, the claim on the item whose dialog is
/// open (kept alive, released when the dialog is cancelled or the page closes), and the live refresh through a
/// <see cref="Coalescer"/>. Owned by one page: the page passes its dispatcher (<c>InvokeAsync</c>) and its re-render, so
/// that timers and live events change the state on the circuit's thread.
/// </summary>
public sealed class TriageQueueState : IDisposable
{
    public const int PageSize = 50;

    /// <summary>Typing waits this long for the next key before it searches.</summary>
    internal static readonly TimeSpan SearchAfter = TimeSpan.FromMilliseconds(400);

    /// <summary>Relative times age, "新" marks fade and a lease that runs out raises no event: a quiet queue still refreshes now and then.</summary>
    internal static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(30);

    internal static readonly TimeSpan NewFor = TimeSpan.FromMinutes(2);

    private readonly IMediator mediator;
    private readonly ActionRunner runner;
    private readonly TimeProvider clock;
    private readonly ILiveEventHub hub;
    private readonly TriageOptions options;
    private readonly ICurrentUser currentUser;
    private readonly QueueCountFeed countFeed;
    private readonly ILogger logger;
    private readonly Func<Func<Task>, Task> invoke;
    private readonly Action render;

    /// <summary>New items the officer has selected or acted on (id → collected at): their mark is gone for good.</summary>
    private readonly Dictionary<int, DateTime> looked = [];

    /// <summary>The one-click suggestion actions under way or done, by item.</summary>
    private readonly Dictionary<int, SuggestionActionState> suggestionActions = [];

    private IDisposable? subscription;
    private Coalescer? coalescer;
    private Timer? tickTimer;
    private Timer? renewTimer;
    private Timer? searchTimer;
    private int lastIndex;
    private int loadSequence;
    private string? myId;
    private DateTime openedAt;

    /// <param name="invoke">The owning component's <c>InvokeAsync</c>: timers and live events run their work through it.</param>
    /// <param name="render">The owning component's <c>StateHasChanged</c>, after a change nobody's click caused (a live refresh, a search run on a timer).</param>
    public TriageQueueState(IMediator mediator, ActionRunner runner, TimeProvider clock, ILiveEventHub hub, IOptions<TriageOptions> options,
        ICurrentUser currentUser, QueueCountFeed countFeed, ILogger logger, Func<Func<Task>, Task> invoke, Action render)
    {
        this.mediator = mediator;
        this.runner = runner;
        this.clock = clock;
        this.hub = hub;
        this.options = options.Value;
        this.currentUser = currentUser;
        this.countFeed = countFeed;
        this.logger = logger;
        this.invoke = invoke;
        this.render = render;
        openedAt = Now = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>The rows shown and the total, or null before the first answer.</summary>
    public ListTriageQueue.Result? Queue { get; private set; }

    public string? Search { get; private set; }

    /// <summary>The channel filter: an enum name, or empty for every channel.</summary>
    public string ChannelFilter { get; private set; } = string.Empty;

    /// <summary>The page shown, 0-based.</summary>
    public int Page { get; private set; }

    public int? SelectedId { get; private set; }

    public bool Loading { get; private set; }

    /// <summary>The officer may not see the queue (the query was refused).</summary>
    public bool Forbidden { get; private set; }

    public string? LoadError { get; private set; }

    /// <summary>A triage or log dialog is open: keys and other dialogs wait.</summary>
    public bool DialogOpen { get; set; }

    /// <summary>The clock reading of the rows shown (relative times, "新" marks, triage clocks).</summary>
    public DateTime Now { get; private set; }

    /// <summary>The item this page holds a claim on: the one whose triage dialog is open.</summary>
    public int? ClaimedId { get; private set; }

    /// <summary>After each answer shown: the ids of the rows now on the page (the page drops what it keeps for the others).</summary>
    public event Action<IReadOnlySet<int>>? Loaded;

    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || ChannelFilter.Length > 0;

    public int PageCount => Queue is null ? 0 : (Queue.Total + PageSize - 1) / PageSize;

    public ListTriageQueue.Row? Selected => Queue?.Items.FirstOrDefault(i => i.Id == SelectedId);

    public SuggestionActionState SuggestionActionOf(int itemId) => suggestionActions.GetValueOrDefault(itemId);

    public void SetSuggestionAction(int itemId, SuggestionActionState state) => suggestionActions[itemId] = state;

    /// <summary>
    /// Subscribes to new and changed items, then loads. Subscribed before the first query, so nothing logged or triaged
    /// meanwhile goes unheard. The hub calls in on the publisher's thread: the handler only pokes, the coalescer re-queries
    /// at most once per <paramref name="coalesceEvery"/>.
    /// </summary>
    /// <param name="onError">Where a failed refresh goes (the component's <c>DispatchExceptionAsync</c>).</param>
    public async Task StartAsync(TimeSpan coalesceEvery, Action<Exception> onError)
    {
        coalescer = new Coalescer(coalesceEvery, () => invoke(RefreshAsync), onError);
        var poke = coalescer;
        subscription = hub.Subscribe<ItemsChanged>(_ =>
        {
            poke.Poke();
            return ValueTask.CompletedTask;
        });
        tickTimer = new Timer(_ => poke.Poke(), null, TickEvery, TickEvery);
        myId = (await currentUser.FindActorAsync())?.UserId;
        await LoadAsync();
    }

    /// <param name="live">A refresh after a live event: no progress bar, and a failure keeps the rows on screen (the next event retries).</param>
    public async Task LoadAsync(bool live = false)
    {
        // The officer may change the filter while a live refresh is on its way: only the latest load is shown.
        var sequence = ++loadSequence;
        if (!live)
        {
            Loading = true;
        }

        try
        {
            Channel? filter = Enum.TryParse<Channel>(ChannelFilter, out var c) ? c : null;
            var result = await mediator.Send(new ListTriageQueue.Query(Search, filter, Page, PageSize));
            if (result.Items.Count == 0 && Page > 0 && result.Total > 0)
            {
                // Others triaged the items of this last page meanwhile: show the page that is now last.
                Page = (result.Total - 1) / PageSize;
                result = await mediator.Send(new ListTriageQueue.Query(Search, filter, Page, PageSize));
            }

            if (sequence != loadSequence)
            {
                return;
            }

            Queue = result;
            if (Filtered)
            {
                // The page's total is not the queue's: the navigation counts for itself. Unfiltered, the page hands its
                // total over as it renders (TriageCountHandOver), so the badge changes with these rows, in the same batch.
                countFeed.Stop();
            }

            // To the second: the queues refreshing for one change share the reading, and so each row's texts (TriageRowTimes).
            Now = TriageRowTimes.Reading(clock.GetUtcNow().UtcDateTime);

            LoadError = null;
            Forbidden = false;
            KeepSelection();
            ForgetOldLooks();
            ForgetGoneRows();
        }
        catch (ForbiddenException)
        {
            Forbidden = true;
            countFeed.Stop();
        }
        catch (Exception ex) when (live && Queue is not null)
        {
            logger.LogWarning(ex, "A live refresh of the triage queue failed; the rows shown are kept");
        }
        catch (Exception ex)
        {
            if (sequence == loadSequence)
            {
                LoadError = runner.Describe(ex).Message;
            }
        }
        finally
        {
            if (sequence == loadSequence)
            {
                Loading = false;
            }
        }
    }

    /// <summary>The coalesced refresh after live events (and the quiet tick): re-query, re-render; rows that did not change skip rendering.</summary>
    private async Task RefreshAsync()
    {
        if (Forbidden)
        {
            return;
        }

        await LoadAsync(live: true);
        render();
    }

    /// <summary>After a reload the selection stays on the same item, or on the row that took its place.</summary>
    private void KeepSelection()
    {
        if (Queue is null || Queue.Items.Count == 0)
        {
            SelectedId = null;
            return;
        }

        if (SelectedId is { } id && Queue.Items.Any(i => i.Id == id))
        {
            return;
        }

        SelectedId = Queue.Items[Math.Clamp(lastIndex, 0, Queue.Items.Count - 1)].Id;
    }

    private void ForgetOldLooks()
    {
        foreach (var id in looked.Where(l => Now - l.Value >= NewFor).Select(l => l.Key).ToList())
        {
            looked.Remove(id);
        }
    }

    /// <summary>Rows that left the page leave the caches.</summary>
    private void ForgetGoneRows()
    {
        var shown = Queue?.Items.Select(i => i.Id).ToHashSet() ?? [];
        foreach (var id in suggestionActions.Keys.Where(id => !shown.Contains(id)).ToList())
        {
            suggestionActions.Remove(id);
        }

        Loaded?.Invoke(shown);
    }

    /// <summary>"新": arrived after this page opened, within the last two minutes, and the officer has not looked at it yet.</summary>
    public bool IsNew(ListTriageQueue.Row item) =>
        item.CollectedAt >= openedAt && Now - item.CollectedAt < NewFor && !looked.ContainsKey(item.Id);

    /// <summary>Someone else holds a live claim (a claim of the officer's own, in this or another tab, is theirs); the server decides in the end.</summary>
    public bool ClaimedByOther(ListTriageQueue.Row item) =>
        item.ClaimedById is { } claimant && item.Id != ClaimedId && !string.Equals(claimant, myId, StringComparison.Ordinal);

    public void Select(ListTriageQueue.Row item)
    {
        SelectedId = item.Id;
        looked.TryAdd(item.Id, item.CollectedAt);
        var index = Queue?.Items.ToList().FindIndex(i => i.Id == item.Id) ?? -1;
        if (index >= 0)
        {
            lastIndex = index;
        }
    }

    /// <summary>Selects the row <paramref name="step"/> rows down (up when negative), within the page; false when there is none.</summary>
    public bool Move(int step)
    {
        if (Queue is null || Queue.Items.Count == 0)
        {
            return false;
        }

        var index = Queue.Items.ToList().FindIndex(i => i.Id == SelectedId);
        index = index < 0 ? 0 : Math.Clamp(index + step, 0, Queue.Items.Count - 1);
        Select(Queue.Items[index]);
        return true;
    }

    /// <summary>Each key restarts the wait; the search runs when the officer stops typing (or cleared the box).</summary>
    public void SearchTyped(string? text)
    {
        Search = text;
        searchTimer ??= new Timer(_ => _ = invoke(SearchChangedAsync));
        searchTimer.Change(SearchAfter, Timeout.InfiniteTimeSpan);
    }

    private async Task SearchChangedAsync()
    {
        Page = 0;
        await LoadAsync();
        render();
    }

    public async Task SelectChannelAsync(string? channel)
    {
        ChannelFilter = channel ?? string.Empty;
        Page = 0;
        await LoadAsync();
    }

    public async Task ClearFiltersAsync()
    {
        Search = null;
        ChannelFilter = string.Empty;
        Page = 0;
        await LoadAsync();
    }

    /// <param name="number">1-based, as the pager shows it.</param>
    public async Task GoToPageAsync(int number)
    {
        Page = number - 1;
        SelectedId = null;
        lastIndex = 0;
        await LoadAsync();
    }

    /// <summary>The page numbers the pager shows (1-based; 0 for a gap): the first, the last, and two either side of this one.</summary>
    public IEnumerable<int> PagerPages()
    {
        var current = Page + 1;
        var last = 0;
        for (var p = 1; p <= PageCount; p++)
        {
            if (p == 1 || p == PageCount || Math.Abs(p - current) <= 2)
            {
                if (last > 0 && p > last + 1)
                {
                    yield return 0;
                }

                yield return p;
                last = p;
            }
        }
    }

    /// <summary>
    /// Claims the item for its triage dialog: the others see "张三 正在处理" and cannot act on it meanwhile. The claim is
    /// renewed at half the lease until <see cref="EndClaimAsync"/>, so a long form never loses it. False (and the refusal
    /// said) when someone else has it or already triaged it.
    /// </summary>
    public async Task<bool> ClaimAsync(int itemId)
    {
        if (await runner.RunAsync(async () => await mediator.Send(new ClaimItem.Command(itemId))) is not null)
        {
            return false;
        }

        ClaimedId = itemId;
        var every = options.ClaimLease / 2;
        every = every < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : every;
        renewTimer?.Dispose();
        renewTimer = new Timer(_ => _ = invoke(() => RenewClaimAsync(itemId)), null, every, every);
        return true;
    }

    private async Task RenewClaimAsync(int itemId)
    {
        if (ClaimedId != itemId)
        {
            return;
        }

        // A refusal is shown: the officer learns now, not on submit, that the item is no longer theirs.
        if (await runner.RunAsync(async () => await mediator.Send(new ClaimItem.Command(itemId))) is not null)
        {
            renewTimer?.Dispose();
            renewTimer = null;
        }
    }

    /// <summary>The dialog closed: acting ended the claim already (the domain clears it); cancelling releases it.</summary>
    public async Task EndClaimAsync(bool acted)
    {
        renewTimer?.Dispose();
        renewTimer = null;
        if (ClaimedId is not { } itemId)
        {
            return;
        }

        ClaimedId = null;
        if (acted)
        {
            return;
        }

        try
        {
            await mediator.Send(new ReleaseItem.Command(itemId));
        }
        catch (Exception ex)
        {
            // The lease ends the claim anyway.
            logger.LogWarning(ex, "Releasing item {ItemId} failed", itemId);
        }
    }

    /// <summary>
    /// Closing the page or the tab ends the circuit: a claim this page holds is released. Fire and forget, since the
    /// circuit's services may be going away with it; if that fails the lease ends the claim.
    /// </summary>
    public void Dispose()
    {
        countFeed.Stop();
        subscription?.Dispose();
        coalescer?.Dispose();
        tickTimer?.Dispose();
        renewTimer?.Dispose();
        searchTimer?.Dispose();
        if (ClaimedId is { } itemId)
        {
            ClaimedId = null;
            _ = ReleaseOnExitAsync(itemId);
        }
    }

    private async Task ReleaseOnExitAsync(int itemId)
    {
        try
        {
            await mediator.Send(new ReleaseItem.Command(itemId));
        }
        catch (ObjectDisposedException ex)
        {
            logger.LogInformation(ex, "The circuit ended before item {ItemId} was released; its lease will end the claim", itemId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Releasing item {ItemId} as the page closed failed; its lease will end the claim", itemId);
        }
    }
}
