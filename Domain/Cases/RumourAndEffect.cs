namespace OpinionResponse.Domain.Cases;

/// <summary>
/// 辟谣移交 (DESIGN §2.3): a case assessed as a rumour handed, in one act, to the police and the internet information office
/// as two tasks (转办) carrying the evidence, with a request to the press officers for a 辟谣 response. The tasks are the
/// case's own (<see cref="CaseTask.HandOffSequence"/> names this hand-off); the response is the first one drafted after it
/// (<see cref="ResponseSequence"/>).
/// </summary>
public sealed class RumourHandOff
{
    private RumourHandOff()
    {
        Note = Evidence = ById = ByName = string.Empty;
    }

    internal RumourHandOff(int sequence, int policeUnitId, int cyberspaceUnitId, string note, string evidence, string byId, string byName, DateTime at)
    {
        Sequence = sequence;
        PoliceUnitId = policeUnitId;
        CyberspaceUnitId = cyberspaceUnitId;
        Note = note;
        Evidence = evidence;
        ById = byId;
        ByName = byName;
        At = at;
    }

    public int Id { get; private set; }

    /// <summary>1 for the case's first hand-off, 2 for a later one (once the first is finished).</summary>
    public int Sequence { get; private set; }

    public int PoliceUnitId { get; private set; }

    public int CyberspaceUnitId { get; private set; }

    public string Note { get; private set; }

    /// <summary>What the receiving units were given, as it stood at the hand-off: the items with their links, the assessment and its score.</summary>
    public string Evidence { get; private set; }

    public string ById { get; private set; }

    public string ByName { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The 辟谣 response: the first response drafted on the case after the hand-off; null while the press officers have not started it.</summary>
    public int? ResponseSequence { get; private set; }

    internal void LinkResponse(int sequence) => ResponseSequence ??= sequence;

    /// <summary>Open until both its tasks have feedback and its 辟谣 response is published.</summary>
    public bool IsOpenIn(Case @case) =>
        @case.Tasks.Any(t => t.HandOffSequence == Sequence && !t.IsDone)
        || @case.Responses.FirstOrDefault(r => r.Sequence == ResponseSequence) is not { Status: ResponseStatus.Published };
}

/// <summary>回应效果: what the analyst concludes after a response was published (DESIGN §2.3).</summary>
public enum EffectOutcome
{
    /// <summary>平息.</summary>
    Subsided,

    /// <summary>持续.</summary>
    Continuing,

    /// <summary>反弹.</summary>
    Rebounded,
}

/// <summary>
/// What happened since a response was published, as the evaluation dialog showed it: items grouped to the case after the
/// publication, the case's engagement at the publication and now (<see cref="Scoring.EngagementCurve"/>), and the
/// sentiment words found in the new items (<see cref="SentimentWords"/>).
/// </summary>
public sealed record EffectFigures(int ResponseSequence, DateTime PublishedAt, int NewItems, long EngagementAtPublication, long EngagementNow,
    int NegativeWords, int PositiveWords);

/// <summary>回应效果评估: the analyst's verdict after a publication, with the figures it was made on.</summary>
public sealed class EffectEvaluation
{
    private EffectEvaluation()
    {
        ById = ByName = string.Empty;
    }

    internal EffectEvaluation(EffectOutcome outcome, string? note, EffectFigures figures, string byId, string byName, DateTime at)
    {
        Outcome = outcome;
        Note = note;
        ResponseSequence = figures.ResponseSequence;
        PublishedAt = figures.PublishedAt;
        NewItems = figures.NewItems;
        EngagementAtPublication = figures.EngagementAtPublication;
        EngagementNow = figures.EngagementNow;
        NegativeWords = figures.NegativeWords;
        PositiveWords = figures.PositiveWords;
        ById = byId;
        ByName = byName;
        At = at;
    }

    public int Id { get; private set; }

    public EffectOutcome Outcome { get; private set; }

    public string? Note { get; private set; }

    public int ResponseSequence { get; private set; }

    public DateTime PublishedAt { get; private set; }

    public int NewItems { get; private set; }

    public long EngagementAtPublication { get; private set; }

    public long EngagementNow { get; private set; }

    public int NegativeWords { get; private set; }

    public int PositiveWords { get; private set; }

    public string ById { get; private set; }

    public string ByName { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>Whole hours from the publication to the evaluation (24, 72…).</summary>
    public int HoursAfterPublication => (int)Math.Floor((At - PublishedAt).TotalHours);
}

/// <summary>
/// The words that say, in a new item after a publication, whether the public is still unhappy or satisfied. Data, kept in
/// one place: the evaluation dialog counts them and lists those found.
/// </summary>
public static class SentimentWords
{
    public static IReadOnlyList<string> Negative { get; } =
        ["不满", "质疑", "继续", "还是", "没有解决", "仍然", "依旧", "敷衍", "糊弄", "投诉", "不信", "谎言", "反弹"];

    public static IReadOnlyList<string> Positive { get; } =
        ["感谢", "已解决", "点赞", "满意", "恢复正常", "辛苦了", "及时", "放心"];

    /// <summary>Each word of <paramref name="words"/> found in <paramref name="texts"/>, with the number of texts it occurs in, most frequent first.</summary>
    public static IReadOnlyList<(string Word, int Count)> Found(IReadOnlyList<string> words, IEnumerable<string> texts)
    {
        var list = texts.ToList();
        return words.Select(w => (Word: w, Count: list.Count(t => t.Contains(w, StringComparison.Ordinal))))
            .Where(w => w.Count > 0)
            .OrderByDescending(w => w.Count)
            .ToList();
    }
}
