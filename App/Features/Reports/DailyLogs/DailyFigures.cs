using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Features.Reports.Performance;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Reports.DailyLogs;

/// <summary>
/// What the 舆情日志 of one Beijing day records, as compiled: items by channel, the cases opened, every change of state,
/// and the clocks that fell due that day (with how they stood when compiled). Enum names, not text: the log is kept as
/// data and read in the reader's language.
/// </summary>
public sealed record DailyFigures(
    IReadOnlyDictionary<Channel, int> ItemsByChannel,
    IReadOnlyList<DailyFigures.NewCase> NewCases,
    IReadOnlyList<DailyFigures.StateChange> StateChanges,
    IReadOnlyList<DailyFigures.ClockDue> ClocksDue,
    int TriageDue,
    int TriageLate)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record NewCase(string Number, string Title, string Unit, RiskLevel? Level, string Owner);

    public sealed record StateChange(string Number, string Title, CaseState From, CaseState To, string By, DateTime At);

    public sealed record ClockDue(string Number, string Title, ClockKind Clock, DateTime DueAt, ClockState State);

    public int Items => ItemsByChannel.Values.Sum();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DailyFigures FromJson(string json) => JsonSerializer.Deserialize<DailyFigures>(json, Json)!;

    public static async Task<DailyFigures> CompileAsync(OpinionDbContext db, ClockPolicyHistory policies, DateOnly day, DateTime now,
        CancellationToken cancellationToken)
    {
        var start = day.BeijingStart();
        var end = day.AddDays(1).BeijingStart();
        var byChannel = await db.Items.AsNoTracking().Where(i => i.CollectedAt >= start && i.CollectedAt < end)
            .GroupBy(i => i.Channel).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var newCases = await db.Cases.AsNoTracking().Where(c => c.CreatedAt >= start && c.CreatedAt < end).OrderBy(c => c.CreatedAt)
            .Select(c => new { c.Number, c.Title, c.ResponsibleUnitId, c.RiskLevel, c.OwnerName }).ToListAsync(cancellationToken);
        var changes = await (
                from t in db.Set<TimelineEntry>().AsNoTracking()
                where t.At >= start && t.At < end && t.FromState != t.ToState
                join c in db.Cases on EF.Property<int>(t, "CaseId") equals c.Id
                // Equal times in their order of record: PostgreSQL, unlike SQLite, returns ties in no fixed order.
                orderby t.At, t.Id
                select new { c.Number, c.Title, t.FromState, t.ToState, t.ActorName, t.At })
            .ToListAsync(cancellationToken);

        // Every case that was still open at the day's start, however long ago it opened: a clock starts at its own
        // event (a response clock at the plan's approval, a task's at its assignment), so the opening date says nothing
        // about when its clocks fall due, and a clock policy may be longer than any fixed look-back.
        var ends = ClockFacts.EndStates.ToList();
        var candidates = await db.Cases.AsNoTracking().Where(c => c.CreatedAt < end && (!ends.Contains(c.State) || c.UpdatedAt >= start))
            .Select(c => new { c.Id, c.Number, c.Title }).ToListAsync(cancellationToken);
        var facts = await db.LoadClockFactsAsync(candidates.Select(c => c.Id).ToList(), cancellationToken);
        var clocksDue = candidates
            .SelectMany(c => CaseClocks.For(facts[c.Id], policies.At(facts[c.Id].CreatedAt), now)
                .Where(k => k.DueAt >= start && k.DueAt < end && k.State != ClockState.Stopped)
                .Select(k => new ClockDue(c.Number, c.Title, k.Kind, k.DueAt, k.State)))
            .OrderBy(k => k.DueAt).ToList();

        // Triage clocks due on the day: items collected up to one triage period before it.
        var triage = policies.Current.Triage;
        var triageItems = await db.Items.AsNoTracking().Where(i => i.CollectedAt >= start - triage && i.CollectedAt < end - triage + TimeSpan.FromTicks(1))
            .Select(i => new { i.CollectedAt, i.TriagedAt, i.Status }).ToListAsync(cancellationToken);
        var due = triageItems.Select(i => CaseClocks.Triage(i.CollectedAt, i.Status is TriageStatus.New or TriageStatus.Claimed ? null : i.TriagedAt,
                policies.At(i.CollectedAt), now))
            .Where(k => k.DueAt >= start && k.DueAt < end).ToList();

        return new DailyFigures(
            byChannel,
            newCases.Select(c => new NewCase(c.Number, c.Title, units.GetValueOrDefault(c.ResponsibleUnitId, "?"), c.RiskLevel, c.OwnerName)).ToList(),
            changes.Select(t => new StateChange(t.Number, t.Title, t.FromState, t.ToState, t.ActorName, t.At)).ToList(),
            clocksDue,
            due.Count,
            due.Count(k => k.State is ClockState.Breached or ClockState.MetLate));
    }
}
