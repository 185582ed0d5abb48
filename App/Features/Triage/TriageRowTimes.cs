using System.Globalization;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Caching;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.Domain.Clocks;

namespace OpinionResponse.App.Features.Triage;

/// <summary>
/// A queue row's relative time (<c>3分钟前</c>) and triage clock, worked out once per clock reading for every open queue
/// (CPU of a live desk). After each change every open queue refreshes and reads the clock: working out fifty rows' texts
/// through the localizer in every one of them was a fifth of what an open queue cost the server per arriving item
/// (docs/benchmarks-capacity.md). The pages read the clock to the whole second (<see cref="Reading"/>), so the queues that
/// refresh for one change share one reading, and this works out each row's texts once for all of them.
/// Bounded (<see cref="BoundedCache{TKey, TValue}"/>): past <see cref="Capacity"/> it starts afresh.
/// </summary>
public sealed class TriageRowTimes(ClockPolicies policies)
{
    public const int Capacity = 20_000;

    private readonly BoundedCache<Key, Times> times = new(Capacity);

    /// <summary>What a row shows of the time: its relative time and its triage clock.</summary>
    public sealed record Times(string Ago, ClockView Clock);

    /// <param name="History">The clock policies in force (a saved policy starts new keys).</param>
    private readonly record struct Key(DateTime CollectedAt, DateTime Now, string Culture, ClockPolicyHistory History);

    /// <summary>
    /// A clock reading the pages share: the time rounded up to the whole second (relative times and clocks count minutes).
    /// Up, never down: a reading before an item that has just arrived would show its clock a minute fuller for a second.
    /// </summary>
    public static DateTime Reading(DateTime utc)
    {
        var rest = utc.Ticks % TimeSpan.TicksPerSecond;
        return rest == 0 ? utc : new DateTime(utc.Ticks - rest + TimeSpan.TicksPerSecond, utc.Kind);
    }

    /// <summary>The texts of an item collected at <paramref name="collectedAt"/>, read at <paramref name="now"/>, in the UI's language.</summary>
    public Times Of(DateTime collectedAt, DateTime now, IStringLocalizer l)
    {
        var history = policies.History;
        var key = new Key(collectedAt, now, CultureInfo.CurrentUICulture.Name, history);
        return times.GetOrAdd(key, static (k, l) => new Times(l.Ago(k.CollectedAt, k.Now),
            ClockView.Describe(CaseClocks.Triage(k.CollectedAt, null, k.History.At(k.CollectedAt), k.Now), k.Now, l)), l);
    }
}
