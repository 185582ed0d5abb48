using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Cases.Conflicts;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases;

/// <summary>
/// What every dialog of <see cref="CaseActionDialogs"/> shares: the contract's parameters and the one way to send a
/// command, so that a refusal keeps the dialog open with the input, server field errors land on their fields, and the
/// dialog closes with <c>DialogResult.Ok(true)</c> only after the command succeeded. A lost race with someone else's save
/// never overwrites their text silently (DESIGN §3): the dialogs of shared texts resolve it with <see cref="EditConflictDialog"/>.
/// </summary>
public abstract class CaseActionDialog : ComponentBase
{
    /// <summary>Someone may keep saving in between; after this many rounds the user is told and tries again.</summary>
    private const int MaxConflictRounds = 3;

    private IReversibleConverter<DateTime?, string?>? beijingTime;

    /// <summary>The case the user's texts were last compared with: the one the dialog opened on, then each latest one taken.</summary>
    private GetCaseDetail.Detail? loadedDetail;

    private bool resolving;

    [CascadingParameter]
    public IMudDialogInstance MudDialog { get; set; } = null!;

    [Parameter]
    [EditorRequired]
    public GetCaseDetail.Detail Detail { get; set; } = null!;

    /// <summary>The task or response the dialog was opened from, if any.</summary>
    [Parameter]
    public int? TargetId { get; set; }

    [Inject]
    protected IMediator Mediator { get; set; } = null!;

    [Inject]
    protected ActionRunner Runner { get; set; } = null!;

    [Inject]
    protected IStringLocalizer<SharedResource> L { get; set; } = null!;

    [Inject]
    protected TimeProvider Clock { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    protected CaseView Case => Detail.Case;

    protected DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Now, to the minute a <c>datetime-local</c> input shows, so the time sent is the time the user saw.</summary>
    protected DateTime NowToMinute
    {
        get
        {
            var ticks = UtcNow.Ticks;
            return new DateTime(ticks - (ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        }
    }

    /// <summary>Set by <c>@ref</c>; validated before anything is sent.</summary>
    protected MudForm? Form { get; set; }

    protected bool Sending { get; private set; }

    /// <summary>The last refusal, kept until the next attempt.</summary>
    protected ActionFailure? Failure { get; private set; }

    /// <summary>
    /// Shows a UTC time as Beijing time in the app's format (<c>2026-12-04 21:08</c>), and reads what the user typed back
    /// as UTC, so a field can bind the command's UTC property directly and keep its <c>For</c>.
    /// </summary>
    protected IReversibleConverter<DateTime?, string?> BeijingTime => beijingTime ??= Conversions.From<DateTime?, string?>(
        utc => utc?.ToLocalInput(),
        text => ParseBeijing(text));

    protected bool HasError(string property) => Failure?.FieldErrors.ContainsKey(property) == true;

    protected string? ErrorOf(string property) =>
        Failure?.FieldErrors.TryGetValue(property, out var errors) == true ? string.Join(" ", errors) : null;

    /// <summary>
    /// Validates the form, sends, and closes on success; on failure the dialog stays as the user left it. When someone
    /// else saved the case meanwhile, a dialog that <see cref="ResolvesConflicts"/> compares its texts with theirs: if
    /// the same text changed on both sides the user chooses or merges; otherwise it saves on the latest version.
    /// </summary>
    protected async Task SendAsync(CaseTrigger trigger, Func<Task> send)
    {
        if (Sending || resolving)
        {
            return;
        }

        if (Form is not null)
        {
            await Form.ValidateAsync();
            if (!Form.IsValid)
            {
                return;
            }
        }

        var done = string.Format(CultureInfo.CurrentCulture, L["Dialog.Done"], L.Of(trigger));
        var conflicted = await TrySendAsync(send, done);
        resolving = true;
        try
        {
            for (var round = 0; conflicted && round < MaxConflictRounds; round++)
            {
                conflicted = await ResolveConflictAsync(trigger, send);
            }
        }
        finally
        {
            resolving = false;
        }

        if (Failure is null)
        {
            MudDialog.Close(DialogResult.Ok(true));
        }
    }

    /// <summary>True for dialogs whose command carries an expected version and whose texts two people may edit at once.</summary>
    protected virtual bool ResolvesConflicts => false;

    /// <summary>The texts the form holds now that someone else may also have changed.</summary>
    protected virtual IReadOnlyList<EditedText> EditedTexts => [];

    /// <summary>Those texts as <paramref name="detail"/> holds them, by key; null when the case has none of them yet.</summary>
    protected virtual IReadOnlyDictionary<string, string>? TextsIn(GetCaseDetail.Detail detail) => null;

    /// <summary>Puts a resolved text back into the form, so the user sees what is sent and keeps it if the save fails.</summary>
    protected virtual void SetText(string key, string text)
    {
    }

    /// <summary>Whether the action can still be taken on the case as it is now (a state change by someone else may forbid it).</summary>
    protected virtual bool CanStillSave(GetCaseDetail.Detail latest, CaseTrigger trigger) => latest.AvailableActions.Contains(trigger);

    /// <summary>Takes the case's new version for the next send; only once the user's texts were compared with the latest.</summary>
    protected virtual void OnLatestVersion(GetCaseDetail.Detail latest)
    {
    }

    /// <summary>Sends; true when the command lost a race with someone else's save (nothing was saved).</summary>
    private async Task<bool> TrySendAsync(Func<Task> send, string successMessage)
    {
        var conflicted = false;
        Sending = true;
        Failure = null;
        StateHasChanged();
        try
        {
            Failure = await Runner.RunAsync(async () =>
            {
                try
                {
                    await send();
                }
                catch (ConcurrencyConflictException) when (ResolvesConflicts)
                {
                    conflicted = true;
                }
            });
        }
        finally
        {
            Sending = false;
        }

        if (conflicted)
        {
            Failure = KeptYourText();
        }
        else if (Failure is null)
        {
            Snackbar.Add(successMessage, Severity.Success);
        }

        return conflicted;
    }

    /// <returns>True when the re-sent command lost a race again.</returns>
    private async Task<bool> ResolveConflictAsync(CaseTrigger trigger, Func<Task> send)
    {
        GetCaseDetail.Detail? latest = null;
        var loadFailure = await Runner.RunAsync(async () => latest = await Mediator.Send(new GetCaseDetail.Query(Case.Id)));
        if (latest is null)
        {
            Failure = loadFailure ?? KeptYourText();
            return false;
        }

        var outcome = TextMerge.Compare(EditedTexts, TextsIn(loadedDetail ?? Detail), TextsIn(latest));
        var resolved = outcome.Settled.ToList();
        var successMessage = string.Format(CultureInfo.CurrentCulture, L["Dialog.Done"], L.Of(trigger));
        if (outcome.Conflicts.Count == 0)
        {
            successMessage = L["Conflict.SavedOnLatest"];
        }
        else
        {
            var chosen = await AskAsync(latest, trigger, outcome.Conflicts);
            if (chosen is null)
            {
                // Nothing is taken from the latest version: a later save compares again instead of overwriting.
                Failure = CanStillSave(latest, trigger) ? KeptYourText() : Blocked(latest);
                StateHasChanged();
                return false;
            }

            resolved.AddRange(chosen);
        }

        foreach (var text in resolved)
        {
            SetText(text.Key, text.Text);
        }

        OnLatestVersion(latest);
        loadedDetail = latest;
        StateHasChanged();
        return await TrySendAsync(send, successMessage);
    }

    /// <summary>The conflict dialog; null when the user cancelled (or could only look, the action being no longer possible).</summary>
    private async Task<IReadOnlyList<ResolvedText>?> AskAsync(GetCaseDetail.Detail latest, CaseTrigger trigger, IReadOnlyList<TextConflict> conflicts)
    {
        // The entry that wrote the other version: the latest of this action, else the latest of all.
        var timeline = latest.Case.Timeline;
        var entry = timeline.Where(e => e.Action == trigger.ToString()).MaxBy(e => (e.At, e.Id)) ?? timeline.MaxBy(e => (e.At, e.Id));
        var parameters = new DialogParameters<EditConflictDialog>
        {
            { d => d.Conflicts, conflicts },
            { d => d.TheirsBy, entry?.ActorName ?? string.Empty },
            { d => d.TheirsAt, entry?.At ?? latest.Case.UpdatedAt },
            { d => d.BlockedReason, CanStillSave(latest, trigger) ? null : Blocked(latest).Message },
        };
        var dialog = await Dialogs.ShowAsync<EditConflictDialog>(L["Conflict.Title"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: IReadOnlyList<ResolvedText> chosen } ? chosen : null;
    }

    private ActionFailure KeptYourText() => new(L["Conflict.KeptYourText"], new Dictionary<string, string[]>(), true);

    private ActionFailure Blocked(GetCaseDetail.Detail latest) =>
        new(string.Format(CultureInfo.CurrentCulture, L["Conflict.Blocked"], L.Of(latest.Case.State)), new Dictionary<string, string[]>(), true);

    protected void Cancel() => MudDialog.Cancel();

    private DateTime? ParseBeijing(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTime.TryParseExact(text.Trim(), UiText.LocalInputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? local.FromBeijing()
            : throw new FormatException(L["Validation.DateTime"]);
    }
}
