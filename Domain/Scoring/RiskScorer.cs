using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.Domain.Scoring;

/// <summary>One line of the score's breakdown: which criterion of the policy's 研判标准, how many points, and why.</summary>
public sealed record ScorePart(string Criterion, int Points, string Reason);

public sealed record RiskScore(int Total, RiskLevel SuggestedLevel, IReadOnlyList<ScorePart> Parts);

/// <summary>Weights and thresholds of the score (DESIGN §2.3). Data, not code: an Admin may change them.</summary>
public sealed record RiskScoringPolicy(
    IReadOnlyDictionary<string, IReadOnlyList<string>> SensitiveKeywords,
    int PointsPerKeywordCategory,
    long EngagementForTenPoints,
    int PointsPerMainstreamOutlet,
    int PointsPerExtraChannel,
    int PointsPerExtraItem,
    int LargeFrom,
    int MajorFrom,
    int CriticalFrom)
{
    public static RiskScoringPolicy Default { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["安全事故"] = ["爆炸", "坍塌", "火灾", "死亡", "伤亡", "溺水", "中毒"],
            ["群体事件"] = ["聚集", "上访", "围堵", "讨薪", "集体"],
            ["民生保障"] = ["停水", "停电", "拆迁", "征地", "补偿", "欠薪", "学校", "医院"],
            ["公信力"] = ["腐败", "贪污", "暴力执法", "打人", "谣言", "隐瞒"],
            ["生态环境"] = ["污染", "排污", "恶臭", "垃圾", "黑水"],
        },
        PointsPerKeywordCategory: 10,
        EngagementForTenPoints: 10_000,
        PointsPerMainstreamOutlet: 10,
        PointsPerExtraChannel: 5,
        PointsPerExtraItem: 2,
        LargeFrom: 25,
        MajorFrom: 50,
        CriticalFrom: 80);
}

/// <summary>
/// The transparent score of DESIGN §2.3: content sensitivity, public reaction, media involvement and spread, each with
/// its reason, summed and mapped to a suggested level. The analyst confirms or overrides it with a justification.
/// </summary>
public static class RiskScorer
{
    public static RiskScore Score(IReadOnlyCollection<OpinionItem> items, RiskScoringPolicy? policy = null)
    {
        policy ??= RiskScoringPolicy.Default;
        var parts = new List<ScorePart>();
        var text = string.Join('\n', items.Select(i => i.Title + "\n" + i.Content));

        var hits = policy.SensitiveKeywords
            .Select(kv => (Category: kv.Key, Words: kv.Value.Where(w => text.Contains(w, StringComparison.Ordinal)).ToList()))
            .Where(x => x.Words.Count > 0)
            .ToList();
        if (hits.Count > 0)
        {
            parts.Add(new ScorePart("content", hits.Count * policy.PointsPerKeywordCategory,
                string.Join("；", hits.Select(h => $"{h.Category}：{string.Join("、", h.Words)}"))));
        }

        var engagement = items.Sum(i => i.Views / 100 + i.Shares + i.Comments + i.Likes / 10);
        var reactionPoints = (int)Math.Min(30, engagement * 10 / Math.Max(1, policy.EngagementForTenPoints));
        if (reactionPoints > 0)
        {
            parts.Add(new ScorePart("reaction", reactionPoints, $"互动量 {engagement}"));
        }

        var outlets = items.SelectMany(i => (i.MediaPickup ?? string.Empty).Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToList();
        if (outlets.Count > 0)
        {
            parts.Add(new ScorePart("media", Math.Min(30, outlets.Count * policy.PointsPerMainstreamOutlet), string.Join("、", outlets)));
        }

        var channels = items.Select(i => i.Channel).Distinct().Count();
        var spread = Math.Max(0, channels - 1) * policy.PointsPerExtraChannel + Math.Max(0, items.Count - 1) * policy.PointsPerExtraItem;
        if (spread > 0)
        {
            parts.Add(new ScorePart("spread", Math.Min(20, spread), $"{channels} 个渠道，{items.Count} 条信息"));
        }

        var total = parts.Sum(p => p.Points);
        var level = total >= policy.CriticalFrom ? RiskLevel.Critical
            : total >= policy.MajorFrom ? RiskLevel.Major
            : total >= policy.LargeFrom ? RiskLevel.Large
            : RiskLevel.General;
        return new RiskScore(total, level, parts);
    }
}
