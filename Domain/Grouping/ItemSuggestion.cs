namespace OpinionResponse.Domain.Grouping;

/// <summary>Which stage linked two items: the same text with edits, or the same matter in other words.</summary>
public enum SuggestionStage
{
    NearDuplicate,
    SameMatter,
}

/// <summary>
/// "可能是同一事件": a link found at intake between a new item and an earlier item or an open case, with its reasons,
/// kept so the triage queue shows it without recomputing. A near-duplicate may have been attached automatically;
/// a same-matter link is only ever a suggestion.
/// </summary>
public sealed class ItemSuggestion
{
    private ItemSuggestion()
    {
        ReasonsJson = string.Empty;
    }

    public ItemSuggestion(int itemId, SuggestionStage stage, double score, string reasonsJson, DateTime createdAt,
        int? relatedItemId = null, int? caseId = null)
    {
        ItemId = itemId;
        Stage = stage;
        Score = score;
        ReasonsJson = reasonsJson;
        CreatedAt = createdAt;
        RelatedItemId = relatedItemId;
        CaseId = caseId;
    }

    public long Id { get; private set; }

    /// <summary>The new item the suggestion is for.</summary>
    public int ItemId { get; private set; }

    public SuggestionStage Stage { get; private set; }

    /// <summary>0..1, higher is more likely the same.</summary>
    public double Score { get; private set; }

    /// <summary>
    /// The reasons as a JSON array of <c>{"kind":"place","value":"滨江小区"}</c>; kinds: nearDuplicate (value: the
    /// distance), place, problem, person, organisation, number, date, time. The UI words them in the user's language.
    /// </summary>
    public string ReasonsJson { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The earlier item it resembles.</summary>
    public int? RelatedItemId { get; private set; }

    /// <summary>The open case that earlier item belongs to, when it belongs to one.</summary>
    public int? CaseId { get; private set; }
}
