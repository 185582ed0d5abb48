using System.Text.Json;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.Domain.Scoring;

/// <summary>Why a scoring policy is refused; the UI turns the code into a message naming the field.</summary>
public static class ScoringErrors
{
    public const string Refused = "scoring.policy_refused";
}

/// <summary>A sensitive word and the points it gives its category when the case's text contains it.</summary>
public sealed record WeightedKeyword(string Word, int Weight);

/// <summary>One keyword list of 舆情内容 (安全事故, 群体性事件 …).</summary>
public sealed record KeywordCategory(string Name, IReadOnlyList<WeightedKeyword> Words);

/// <summary>
/// Weights and thresholds of the score (DESIGN §2.3, policy 二（二）: 舆情内容、公众反应、媒体介入程度). Data, not code: an Admin
/// saves new versions on the scoring-policy page; <see cref="Default"/> is the first version, the values the desk started with.
/// </summary>
public sealed record RiskScoringPolicy(
    IReadOnlyList<KeywordCategory> Categories,
    long EngagementForTenPoints,
    int ReactionCap,
    long GrowthForTenPoints,
    int GrowthCap,
    int PointsPerMainstreamOutlet,
    int MediaCap,
    int PointsPerExtraChannel,
    int PointsPerExtraItem,
    int SpreadCap,
    int LargeFrom,
    int MajorFrom,
    int CriticalFrom)
{
    public const int MaxWeight = 100;
    public const int MaxCap = 200;
    public const int MaxThreshold = 1000;
    public const long MaxEngagementUnit = 100_000_000;
    public const int MaxCategories = 50;
    public const int MaxWordsPerCategory = 200;
    public const int MaxNameLength = 20;

    /// <summary>The version this policy was saved as (1 = the first); 0 for one not saved (a draft being tried).</summary>
    public int Version { get; init; }

    public static RiskScoringPolicy Default { get; } = new(
        [
            Category("安全事故", 10, "爆炸", "坍塌", "火灾", "死亡", "伤亡", "溺水", "中毒"),
            Category("群体事件", 10, "聚集", "上访", "围堵", "讨薪", "集体"),
            Category("民生保障", 10, "停水", "停电", "拆迁", "征地", "补偿", "欠薪", "学校", "医院"),
            Category("公信力", 10, "腐败", "贪污", "暴力执法", "打人", "谣言", "隐瞒"),
            Category("生态环境", 10, "污染", "排污", "恶臭", "垃圾", "黑水"),
        ],
        EngagementForTenPoints: 10_000,
        ReactionCap: 30,
        GrowthForTenPoints: 5_000,
        GrowthCap: 20,
        PointsPerMainstreamOutlet: 10,
        MediaCap: 30,
        PointsPerExtraChannel: 5,
        PointsPerExtraItem: 2,
        SpreadCap: 20,
        LargeFrom: 25,
        MajorFrom: 50,
        CriticalFrom: 80)
    { Version = 1 };

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> Words => Categories.SelectMany(c => c.Words).Select(w => w.Word);

    /// <summary>What is wrong with this policy, as <c>problem:detail</c>; empty when it may be saved.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Categories.Count is 0 or > MaxCategories)
        {
            problems.Add("categories");
        }

        foreach (var name in Categories.GroupBy(c => c.Name.Trim()).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"duplicate_category:{name}");
        }

        foreach (var category in Categories)
        {
            if (string.IsNullOrWhiteSpace(category.Name) || category.Name.Trim().Length > MaxNameLength)
            {
                problems.Add($"category_name:{category.Name}");
            }

            if (category.Words.Count is 0 or > MaxWordsPerCategory)
            {
                problems.Add($"empty_category:{category.Name}");
            }

            problems.AddRange(category.Words
                .Where(w => string.IsNullOrWhiteSpace(w.Word) || w.Word.Trim().Length > MaxNameLength || w.Weight is < 1 or > MaxWeight)
                .Select(w => $"keyword:{category.Name}/{w.Word}"));
        }

        problems.AddRange(Words.GroupBy(w => w.Trim()).Where(g => g.Count() > 1).Select(g => $"duplicate_keyword:{g.Key}"));
        if (EngagementForTenPoints is < 1 or > MaxEngagementUnit || GrowthForTenPoints is < 1 or > MaxEngagementUnit)
        {
            problems.Add("engagement_unit");
        }

        if (new[] { PointsPerMainstreamOutlet, PointsPerExtraChannel, PointsPerExtraItem }.Any(p => p is < 0 or > MaxWeight)
            || new[] { ReactionCap, GrowthCap, MediaCap, SpreadCap }.Any(p => p is < 0 or > MaxCap))
        {
            problems.Add("weights");
        }

        if (!(LargeFrom >= 1 && LargeFrom < MajorFrom && MajorFrom < CriticalFrom && CriticalFrom <= MaxThreshold))
        {
            problems.Add("thresholds");
        }

        return problems;
    }

    public string ToJson() => JsonSerializer.Serialize(this with { Version = 0 }, JsonOptions);

    public static RiskScoringPolicy FromJson(string json, int version) =>
        (JsonSerializer.Deserialize<RiskScoringPolicy>(json, JsonOptions) ?? throw new InvalidOperationException("Empty scoring policy.")) with
        {
            Version = version,
        };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static KeywordCategory Category(string name, int weight, params string[] words) =>
        new(name, words.Select(w => new WeightedKeyword(w, weight)).ToList());
}

/// <summary>
/// One saved version of the scoring policy. Versions are only ever added: an assessment records the version it was scored
/// with and keeps its breakdown, so a later change applies to new assessments only.
/// </summary>
public sealed class ScoringPolicyVersion
{
    private ScoringPolicyVersion()
    {
        ChangedById = ChangedByName = PolicyJson = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>1, 2, 3… unique; 1 is the policy the desk started with.</summary>
    public int Version { get; private set; }

    public DateTime EffectiveFrom { get; private set; }

    public string ChangedById { get; private set; }

    public string ChangedByName { get; private set; }

    /// <summary>The whole policy (keyword lists, weights, thresholds): a version is read and written as one piece.</summary>
    public string PolicyJson { get; private set; }

    public static ScoringPolicyVersion Create(int version, RiskScoringPolicy policy, Actor actor, DateTime now)
    {
        if (policy.Problems() is [var first, ..])
        {
            throw new DomainException(ScoringErrors.Refused, $"Scoring policy refused: {first}.");
        }

        return new ScoringPolicyVersion
        {
            Version = version,
            EffectiveFrom = now,
            ChangedById = actor.UserId,
            ChangedByName = actor.DisplayName,
            PolicyJson = Normalised(policy).ToJson(),
        };
    }

    public RiskScoringPolicy ToPolicy() => RiskScoringPolicy.FromJson(PolicyJson, Version);

    private static RiskScoringPolicy Normalised(RiskScoringPolicy policy) => policy with
    {
        Categories = policy.Categories
            .Select(c => new KeywordCategory(c.Name.Trim(), c.Words.Select(w => new WeightedKeyword(w.Word.Trim(), w.Weight)).ToList()))
            .ToList(),
    };
}
