using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases;

/// <summary>
/// What every dialog of <see cref="CaseActionDialogs"/> shares: the contract's parameters and the one way to send a
/// command, so that a refusal keeps the dialog open with the input, server field errors land on their fields, and the
/// dialog closes with <c>DialogResult.Ok(true)</c> only after the command succeeded.
/// </summary>
public abstract class CaseActionDialog : ComponentBase
{
    private static readonly string[] LocalInputFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"];

    private IReversibleConverter<DateTime?, string?>? beijingTime;

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

    protected Case Case => Detail.Case;

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
    /// Shows a UTC time as the Beijing time a <c>datetime-local</c> input takes, and reads what the user typed back
    /// as UTC, so a field can bind the command's UTC property directly and keep its <c>For</c>.
    /// </summary>
    protected IReversibleConverter<DateTime?, string?> BeijingTime => beijingTime ??= Conversions.From<DateTime?, string?>(
        utc => utc?.ToLocalInput(),
        text => ParseBeijing(text));

    protected bool HasError(string property) => Failure?.FieldErrors.ContainsKey(property) == true;

    protected string? ErrorOf(string property) =>
        Failure?.FieldErrors.TryGetValue(property, out var errors) == true ? string.Join(" ", errors) : null;

    /// <summary>Validates the form, sends, and closes on success; on failure the dialog stays as the user left it.</summary>
    protected async Task SendAsync(CaseTrigger trigger, Func<Task> send)
    {
        if (Sending)
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

        Sending = true;
        Failure = null;
        try
        {
            Failure = await Runner.RunAsync(send, string.Format(CultureInfo.CurrentCulture, L["Dialog.Done"], L.Of(trigger)));
        }
        finally
        {
            Sending = false;
        }

        if (Failure is null)
        {
            MudDialog.Close(DialogResult.Ok(true));
        }
        else if (Failure.Conflict && RetriesOnLatestVersion)
        {
            await TakeLatestVersionAsync();
        }
    }

    /// <summary>True for dialogs whose command carries an expected version: they override <see cref="OnLatestVersion"/>.</summary>
    protected virtual bool RetriesOnLatestVersion => false;

    /// <summary>After a lost race the dialog keeps the user's text and takes the case's new version, so a second submit is a deliberate overwrite.</summary>
    protected virtual void OnLatestVersion(GetCaseDetail.Detail latest)
    {
    }

    private async Task TakeLatestVersionAsync()
    {
        GetCaseDetail.Detail? latest = null;
        await Runner.RunAsync(async () => latest = await Mediator.Send(new GetCaseDetail.Query(Case.Id)));
        if (latest is not null)
        {
            OnLatestVersion(latest);
            Failure = Failure! with { Message = $"{Failure.Message} {L["Dialog.ConflictRetry"]}" };
        }
    }

    protected void Cancel() => MudDialog.Cancel();

    private DateTime? ParseBeijing(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTime.TryParseExact(text.Trim(), LocalInputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? local.FromBeijing()
            : throw new FormatException(L["Validation.DateTime"]);
    }
}
