using System.Text.Json;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Domain.Scoring;

/// <summary>One line of the score's breakdown: which criterion of the policy's 研判标准, how many points, and why.</summary>
public sealed record ScorePart(string Criterion, int Points, string Reason);

/// <param name="PolicyVersion">The version of the scoring policy that gave this score (the breakdown names it).</param>
public sealed record RiskScore(int Total, RiskLevel SuggestedLevel, IReadOnlyList<ScorePart> Parts, int PolicyVersion = 1)
{
    public string PartsJson() => JsonSerializer.Serialize(Parts, JsonOptions);

    public static IReadOnlyList<ScorePart> PartsFrom(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ScorePart>>(json, JsonOptions) ?? [];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>
/// The transparent score of DESIGN §2.3: content sensitivity, public reaction and its growth, media involvement and spread,
/// each with its reason, summed and mapped to a suggested level. The analyst confirms or overrides it with a justification.
/// </summary>
public static class RiskScorer
{
    /// <summary>The engagement of one observation in one unit: a view counts 1/100, a like 1/10, a share or comment 1.</summary>
    public static long Engagement(long views, long shares, long comments, long likes) => views / 100 + shares + comments + likes / 10;

    public static long Engagement(OpinionItem item) => Engagement(item.Views, item.Shares, item.Comments, item.Likes);

    /// <param name="firstObserved">For items seen more than once, the engagement when first seen: the growth since counts too.</param>
    public static RiskScore Score(IReadOnlyCollection<OpinionItem> items, RiskScoringPolicy? policy = null,
        IReadOnlyDictionary<int, long>? firstObserved = null)
    {
        policy ??= RiskScoringPolicy.Default;
        var parts = new List<ScorePart>();
        var text = string.Join('\n', items.Select(i => i.Title + "\n" + i.Content));

        // A category counts once, at the weight of its gravest word found: many words of one kind are one concern.
        var hits = policy.Categories
            .Select(c => (c.Name, Words: c.Words.Where(w => text.Contains(w.Word, StringComparison.Ordinal)).ToList()))
            .Where(x => x.Words.Count > 0)
            .ToList();
        if (hits.Count > 0)
        {
            parts.Add(new ScorePart("content", hits.Sum(h => h.Words.Max(w => w.Weight)),
                string.Join("；", hits.Select(h => $"{h.Name}：{string.Join("、", h.Words.Select(w => w.Word))}"))));
        }

        var engagement = items.Sum(Engagement);
        var reactionPoints = (int)Math.Min(policy.ReactionCap, engagement * 10 / Math.Max(1, policy.EngagementForTenPoints));
        if (reactionPoints > 0)
        {
            parts.Add(new ScorePart("reaction", reactionPoints, $"互动量 {engagement}"));
        }

        if (firstObserved is { Count: > 0 })
        {
            var seenAgain = items.Where(i => firstObserved.ContainsKey(i.Id)).ToList();
            var before = seenAgain.Sum(i => firstObserved[i.Id]);
            var now = seenAgain.Sum(Engagement);
            var growthPoints = (int)Math.Min(policy.GrowthCap, Math.Max(0, now - before) * 10 / Math.Max(1, policy.GrowthForTenPoints));
            if (growthPoints > 0)
            {
                parts.Add(new ScorePart("growth", growthPoints, $"互动量 {before} → {now}"));
            }
        }

        var outlets = items.SelectMany(i => (i.MediaPickup ?? string.Empty).Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToList();
        if (outlets.Count > 0)
        {
            parts.Add(new ScorePart("media", Math.Min(policy.MediaCap, outlets.Count * policy.PointsPerMainstreamOutlet), string.Join("、", outlets)));
        }

        var channels = items.Select(i => i.Channel).Distinct().Count();
        var spread = Math.Max(0, channels - 1) * policy.PointsPerExtraChannel + Math.Max(0, items.Count - 1) * policy.PointsPerExtraItem;
        if (spread > 0)
        {
            parts.Add(new ScorePart("spread", Math.Min(policy.SpreadCap, spread), $"{channels} 个渠道，{items.Count} 条信息"));
        }

        parts.RemoveAll(p => p.Points <= 0);
        var total = parts.Sum(p => p.Points);
        return new RiskScore(total, LevelOf(total, policy), parts, policy.Version);
    }

    public static RiskLevel LevelOf(int total, RiskScoringPolicy policy) =>
        total >= policy.CriticalFrom ? RiskLevel.Critical
        : total >= policy.MajorFrom ? RiskLevel.Major
        : total >= policy.LargeFrom ? RiskLevel.Large
        : RiskLevel.General;
}
