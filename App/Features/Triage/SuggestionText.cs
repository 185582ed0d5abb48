using System.Text.Json;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Features.Lookups;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Units;

namespace OpinionResponse.App.Features.Triage;

/// <summary>"可能是同一事件" on a queue row: the reasons in words, and the two one-click actions.</summary>
public static class SuggestionText
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Reason(string Kind, string Value);

    /// <summary>同一地点：滨江村 · 同类问题：供水 · …, from the reasons stored with the suggestion; unknown kinds are left out.</summary>
    public static string Reasons(ListTriageQueue.Suggestion s, IStringLocalizer l)
    {
        List<Reason>? reasons;
        try
        {
            reasons = JsonSerializer.Deserialize<List<Reason>>(s.ReasonsJson, Json);
        }
        catch (JsonException)
        {
            reasons = null;
        }

        var words = (reasons ?? []).Where(r => r.Kind is not null).Select(r => Word(r, l)).OfType<string>().Distinct().ToList();
        if (s.Stage == SuggestionStage.NearDuplicate && !words.Contains(l["Suggestion.Reason.nearDuplicate"].Value))
        {
            words.Insert(0, l["Suggestion.Reason.nearDuplicate"]);
        }

        return string.Join(l["Suggestion.Separator"], words);
    }

    private static string? Word(Reason reason, IStringLocalizer l)
    {
        var text = l[$"Suggestion.Reason.{reason.Kind}"];
        if (text.ResourceNotFound)
        {
            return null;
        }

        return reason.Kind is "time" or "nearDuplicate" ? text.Value : string.Format(text.Value, reason.Value);
    }

    /// <summary>The earlier item has no case yet: opens one case from this item and attaches the earlier one to it.</summary>
    public static async Task GroupAsync(IMediator mediator, ListTriageQueue.Row item, int relatedId)
    {
        var unitId = item.SuggestedUnitId ?? await OpinionOfficeAsync(mediator);
        var caseId = await mediator.Send(new OpenCaseFromItem.Command
        {
            ItemId = item.Id,
            Title = item.Title.Length > 200 ? item.Title[..200] : item.Title,
            Summary = string.Empty,
            ResponsibleUnitId = unitId,
        });
        await mediator.Send(new AttachItemToCase.Command(relatedId, caseId));
    }

    /// <summary>The unit a case goes to when the item names none: the town's opinion office, which then assigns it.</summary>
    private static async Task<int?> OpinionOfficeAsync(IMediator mediator)
    {
        var units = await mediator.Send(new ListUnits.Query());
        return (units.FirstOrDefault(u => u.Kind == UnitKind.TownOffice) ?? units.FirstOrDefault())?.Id;
    }
}
