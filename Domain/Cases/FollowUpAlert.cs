using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Cases;

public enum FollowUpKind
{
    /// <summary>回应效果评估 is due: the first or second check after a publication.</summary>
    EffectCheck,

    /// <summary>舆情反弹: new items were grouped to the case after it was closed.</summary>
    Rebound,
}

/// <summary>
/// A prompt the watcher raised about a case after its response or its close: an effect check at 24 h / 72 h after a
/// publication, or a 舆情反弹 burst. Recorded once per <see cref="Key"/> — the database holds the key unique — so a restart
/// or a second watcher never rings the bells twice. Recording one raises <see cref="EffectCheckDue"/> or
/// <see cref="ReboundDetected"/>, from which the bells follow.
/// </summary>
public sealed class FollowUpAlert : AggregateRoot
{
    private FollowUpAlert()
    {
        Key = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>"effect:12:1:2" (case, response, check) or "rebound:12:20261204T100000" (case, the burst's first item time).</summary>
    public string Key { get; private set; }

    public int CaseId { get; private set; }

    public FollowUpKind Kind { get; private set; }

    /// <summary>1 for the first effect check, 2 for the second; 0 for a rebound.</summary>
    public int Stage { get; private set; }

    public int? ResponseSequence { get; private set; }

    /// <summary>An effect check's due time, or the moment the burst's first item was grouped to the closed case.</summary>
    public DateTime DueAt { get; private set; }

    public int? FirstItemId { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public static string EffectKey(int caseId, int responseSequence, int stage) => $"effect:{caseId}:{responseSequence}:{stage}";

    public static string ReboundKey(int caseId, DateTime burstStart) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rebound:{caseId}:{burstStart:yyyyMMddTHHmmss}");

    /// <summary>The <paramref name="stage"/>th effect check, due <paramref name="after"/> the publication at <paramref name="publishedAt"/>.</summary>
    public static FollowUpAlert EffectCheck(int caseId, int responseSequence, int stage, DateTime publishedAt, TimeSpan after, DateTime now)
    {
        var alert = new FollowUpAlert
        {
            Key = EffectKey(caseId, responseSequence, stage),
            CaseId = caseId,
            Kind = FollowUpKind.EffectCheck,
            Stage = stage,
            ResponseSequence = responseSequence,
            DueAt = publishedAt + after,
            RecordedAt = now,
        };
        alert.Raise(new EffectCheckDue(caseId, responseSequence, stage, (int)after.TotalHours, now));
        return alert;
    }

    /// <summary>A burst of items grouped to the closed case, the first titled <paramref name="firstItemTitle"/>.</summary>
    public static FollowUpAlert Rebound(int caseId, int firstItemId, string firstItemTitle, DateTime burstStart, DateTime now)
    {
        var alert = new FollowUpAlert
        {
            Key = ReboundKey(caseId, burstStart),
            CaseId = caseId,
            Kind = FollowUpKind.Rebound,
            DueAt = burstStart,
            FirstItemId = firstItemId,
            RecordedAt = now,
        };
        alert.Raise(new ReboundDetected(caseId, firstItemId, firstItemTitle, now));
        return alert;
    }
}

/// <summary>回应效果评估 is due <paramref name="HoursAfterPublication"/> hours after response <paramref name="ResponseSequence"/> was published.</summary>
public sealed record EffectCheckDue(int CaseId, int ResponseSequence, int Stage, int HoursAfterPublication, DateTime OccurredAt) : IDomainEvent;

/// <summary>舆情反弹: new items were grouped to the closed case, the first titled <paramref name="FirstItemTitle"/>.</summary>
public sealed record ReboundDetected(int CaseId, int FirstItemId, string FirstItemTitle, DateTime OccurredAt) : IDomainEvent;

/// <summary>
/// 舆情反弹 bursts. An item grouped to a closed case within the rebound window after its close belongs to the burst whose
/// first item came at most <see cref="Burst"/> before it; an item outside every burst starts a new one. One alert per
/// burst: ten reposts in an hour ring the bells once, a new wave the next day rings them again.
/// </summary>
public static class ReboundBursts
{
    public static readonly TimeSpan Burst = TimeSpan.FromHours(1);

    /// <summary>
    /// The bursts that <paramref name="items"/> (grouped to the case after <paramref name="closedAt"/>) start beyond those
    /// already recorded (<paramref name="recordedStarts"/>): each with its first item and start, oldest first.
    /// </summary>
    public static IReadOnlyList<(int FirstItemId, DateTime Start)> New(IEnumerable<(int ItemId, DateTime At)> items, DateTime closedAt,
        TimeSpan window, IEnumerable<DateTime> recordedStarts)
    {
        var starts = recordedStarts.ToList();
        var found = new List<(int, DateTime)>();
        foreach (var (itemId, at) in items.Where(i => i.At > closedAt && i.At <= closedAt + window).OrderBy(i => i.At).ThenBy(i => i.ItemId))
        {
            if (starts.Any(s => s <= at && at < s + Burst))
            {
                continue;
            }

            starts.Add(at);
            found.Add((itemId, at));
        }

        return found;
    }
}
