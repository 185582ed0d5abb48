using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Scoring;

/// <summary>
/// The scoring policy in force, read once and kept with the marker of its words. Whatever scores (a case page, an
/// assessment, the preview) asks <see cref="CurrentAsync"/>, which checks the newest version number first, so a version
/// saved by another process is used from the next score on. The triage queue highlights with the kept one.
/// </summary>
public sealed class ScoringPolicies(IDbContextFactory<OpinionDbContext> dbFactory)
{
    private volatile Loaded? loaded;

    /// <summary>The policy as last read (read now, synchronously, the first time).</summary>
    public RiskScoringPolicy Current => (loaded ??= Read()).Policy;

    /// <summary>Marks the words of <see cref="Current"/> in a text.</summary>
    public KeywordMarker Marker => (loaded ??= Read()).Marker;

    public async Task<RiskScoringPolicy> CurrentAsync(OpinionDbContext db, CancellationToken cancellationToken)
    {
        var newest = await db.ScoringPolicyVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
        if (loaded is { } known && known.Policy.Version == newest)
        {
            return known.Policy;
        }

        var row = await db.ScoringPolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        return (loaded = Load(row)).Policy;
    }

    private Loaded Read()
    {
        using var db = dbFactory.CreateDbContext();
        return Load(db.ScoringPolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefault());
    }

    /// <summary>No saved version only before the migrations ran: the first version is the built-in one.</summary>
    private static Loaded Load(ScoringPolicyVersion? row)
    {
        var policy = row?.ToPolicy() ?? RiskScoringPolicy.Default;
        return new Loaded(policy, new KeywordMarker(policy.Words));
    }

    private sealed record Loaded(RiskScoringPolicy Policy, KeywordMarker Marker);
}

/// <summary>Scores a case's items with their engagement history: what an assessment, the case page and the preview share.</summary>
public static class CaseScoring
{
    public static async Task<RiskScore> ScoreAsync(OpinionDbContext db, IReadOnlyCollection<OpinionItem> items, RiskScoringPolicy policy,
        CancellationToken cancellationToken) =>
        RiskScorer.Score(items, policy, await FirstObservedAsync(db, items.Select(i => i.Id).ToList(), cancellationToken));

    /// <summary>For the items seen more than once, their engagement when first seen.</summary>
    public static async Task<IReadOnlyDictionary<int, long>> FirstObservedAsync(OpinionDbContext db, IReadOnlyCollection<int> itemIds,
        CancellationToken cancellationToken)
    {
        var observations = await db.EngagementObservations.AsNoTracking().Where(o => itemIds.Contains(o.ItemId))
            .OrderBy(o => o.ObservedAt).ThenBy(o => o.Id).ToListAsync(cancellationToken);
        return FirstOf(observations);
    }

    /// <param name="ordered">Observations in the order they were made.</param>
    public static IReadOnlyDictionary<int, long> FirstOf(IEnumerable<EngagementObservation> ordered) =>
        ordered.GroupBy(o => o.ItemId).ToDictionary(g => g.Key, g => g.First().Engagement);
}
