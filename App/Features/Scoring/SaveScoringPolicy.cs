using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Scoring;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Scoring;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Scoring;

/// <summary>
/// Saves a new version of the scoring policy (研判标准): the keyword lists with a weight per word, the weights of public
/// reaction, its growth, media pickup and spread, and the level thresholds. Assessments from now on use it; every
/// assessment already made keeps the version and breakdown it was made with.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class SaveScoringPolicy
{
    public sealed class WordInput
    {
        public string Word { get; set; } = string.Empty;

        public int? Weight { get; set; }
    }

    public sealed class CategoryInput
    {
        public string Name { get; set; } = string.Empty;

        public List<WordInput> Words { get; set; } = [];
    }

    public sealed record Command : ICommand<int>
    {
        public List<CategoryInput> Categories { get; set; } = [];

        public long? EngagementForTenPoints { get; set; }

        public int? ReactionCap { get; set; }

        public long? GrowthForTenPoints { get; set; }

        public int? GrowthCap { get; set; }

        public int? PointsPerMainstreamOutlet { get; set; }

        public int? MediaCap { get; set; }

        public int? PointsPerExtraChannel { get; set; }

        public int? PointsPerExtraItem { get; set; }

        public int? SpreadCap { get; set; }

        public int? LargeFrom { get; set; }

        public int? MajorFrom { get; set; }

        public int? CriticalFrom { get; set; }

        public static Command From(RiskScoringPolicy p) => new()
        {
            Categories = p.Categories.Select(c => new CategoryInput
            {
                Name = c.Name,
                Words = c.Words.Select(w => new WordInput { Word = w.Word, Weight = w.Weight }).ToList(),
            }).ToList(),
            EngagementForTenPoints = p.EngagementForTenPoints,
            ReactionCap = p.ReactionCap,
            GrowthForTenPoints = p.GrowthForTenPoints,
            GrowthCap = p.GrowthCap,
            PointsPerMainstreamOutlet = p.PointsPerMainstreamOutlet,
            MediaCap = p.MediaCap,
            PointsPerExtraChannel = p.PointsPerExtraChannel,
            PointsPerExtraItem = p.PointsPerExtraItem,
            SpreadCap = p.SpreadCap,
            LargeFrom = p.LargeFrom,
            MajorFrom = p.MajorFrom,
            CriticalFrom = p.CriticalFrom,
        };

        /// <summary>Only after validation: every number is then present.</summary>
        public RiskScoringPolicy ToPolicy() => new(
            Categories.Select(c => new KeywordCategory(c.Name.Trim(), c.Words.Select(w => new WeightedKeyword(w.Word.Trim(), w.Weight ?? 0)).ToList()))
                .ToList(),
            EngagementForTenPoints ?? 0, ReactionCap ?? -1, GrowthForTenPoints ?? 0, GrowthCap ?? -1, PointsPerMainstreamOutlet ?? -1,
            MediaCap ?? -1, PointsPerExtraChannel ?? -1, PointsPerExtraItem ?? -1, SpreadCap ?? -1, LargeFrom ?? 0, MajorFrom ?? 0,
            CriticalFrom ?? 0);
    }

    /// <summary>Each message names the field (the category and the word) so that an Admin finds it in a long list.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Categories).NotEmpty().WithMessage(_ => l["Scoring.Error.NoCategories"]);
            RuleFor(c => c.Categories).Custom((categories, context) =>
            {
                var seenCategories = new HashSet<string>(StringComparer.Ordinal);
                var seenWords = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < categories.Count; i++)
                {
                    var category = categories[i];
                    var name = (category.Name ?? string.Empty).Trim();
                    var at = $"Categories[{i}]";
                    if (name.Length is 0 or > RiskScoringPolicy.MaxNameLength)
                    {
                        context.AddFailure($"{at}.Name", string.Format(l["Scoring.Error.CategoryName"], i + 1, RiskScoringPolicy.MaxNameLength));
                    }
                    else if (!seenCategories.Add(name))
                    {
                        context.AddFailure($"{at}.Name", string.Format(l["Scoring.Error.DuplicateCategory"], name));
                    }

                    if (category.Words.Count == 0)
                    {
                        context.AddFailure($"{at}.Words", string.Format(l["Scoring.Error.EmptyCategory"], name));
                    }
                    else if (category.Words.Count > RiskScoringPolicy.MaxWordsPerCategory)
                    {
                        context.AddFailure($"{at}.Words", string.Format(l["Scoring.Error.TooManyWords"], name, RiskScoringPolicy.MaxWordsPerCategory));
                    }

                    for (var j = 0; j < category.Words.Count; j++)
                    {
                        var word = (category.Words[j].Word ?? string.Empty).Trim();
                        var wordAt = $"{at}.Words[{j}]";
                        if (word.Length is 0 or > RiskScoringPolicy.MaxNameLength)
                        {
                            context.AddFailure($"{wordAt}.Word", string.Format(l["Scoring.Error.Word"], name, j + 1, RiskScoringPolicy.MaxNameLength));
                        }
                        else if (seenWords.TryGetValue(word, out var first))
                        {
                            context.AddFailure($"{wordAt}.Word", string.Format(l["Scoring.Error.DuplicateKeyword"], word, first, name));
                        }
                        else
                        {
                            seenWords[word] = name;
                        }

                        if (category.Words[j].Weight is not (>= 1 and <= RiskScoringPolicy.MaxWeight))
                        {
                            context.AddFailure($"{wordAt}.Weight", string.Format(l["Scoring.Error.Weight"], name, word, RiskScoringPolicy.MaxWeight));
                        }
                    }
                }
            }).When(c => c.Categories is { Count: > 0 and <= RiskScoringPolicy.MaxCategories });
            RuleFor(c => c.Categories.Count).LessThanOrEqualTo(RiskScoringPolicy.MaxCategories)
                .WithMessage(_ => string.Format(l["Scoring.Error.TooManyCategories"], RiskScoringPolicy.MaxCategories));

            Number(c => c.EngagementForTenPoints, 1, RiskScoringPolicy.MaxEngagementUnit, "EngagementForTenPoints", l);
            Number(c => c.GrowthForTenPoints, 1, RiskScoringPolicy.MaxEngagementUnit, "GrowthForTenPoints", l);
            Number(c => c.PointsPerMainstreamOutlet, 0, RiskScoringPolicy.MaxWeight, "PointsPerMainstreamOutlet", l);
            Number(c => c.PointsPerExtraChannel, 0, RiskScoringPolicy.MaxWeight, "PointsPerExtraChannel", l);
            Number(c => c.PointsPerExtraItem, 0, RiskScoringPolicy.MaxWeight, "PointsPerExtraItem", l);
            Number(c => c.ReactionCap, 0, RiskScoringPolicy.MaxCap, "ReactionCap", l);
            Number(c => c.GrowthCap, 0, RiskScoringPolicy.MaxCap, "GrowthCap", l);
            Number(c => c.MediaCap, 0, RiskScoringPolicy.MaxCap, "MediaCap", l);
            Number(c => c.SpreadCap, 0, RiskScoringPolicy.MaxCap, "SpreadCap", l);
            Number(c => c.LargeFrom, 1, RiskScoringPolicy.MaxThreshold, "LargeFrom", l);
            Number(c => c.MajorFrom, 1, RiskScoringPolicy.MaxThreshold, "MajorFrom", l);
            Number(c => c.CriticalFrom, 1, RiskScoringPolicy.MaxThreshold, "CriticalFrom", l);
            RuleFor(c => c.MajorFrom).GreaterThan(c => c.LargeFrom).WithMessage(_ => l["Scoring.Error.Thresholds"])
                .When(c => c.LargeFrom is not null && c.MajorFrom is not null);
            RuleFor(c => c.CriticalFrom).GreaterThan(c => c.MajorFrom).WithMessage(_ => l["Scoring.Error.Thresholds"])
                .When(c => c.MajorFrom is not null && c.CriticalFrom is not null);
        }

        private void Number<T>(System.Linq.Expressions.Expression<Func<Command, T?>> field, long min, long max, string name, IStringLocalizer l)
            where T : struct, IComparable<T>, IConvertible =>
            RuleFor(field).NotNull().WithMessage(_ => l["Validation.Required"])
                .Must(v => v is null || (v.Value.ToInt64(null) >= min && v.Value.ToInt64(null) <= max))
                .WithMessage(_ => string.Format(l["Scoring.Error.Number"], l[$"Scoring.Field.{name}"], min, max))
                .WithName(_ => l[$"Scoring.Field.{name}"]);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ScoringPolicies policies, TimeProvider time)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var last = await db.ScoringPolicyVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 1;
            var version = ScoringPolicyVersion.Create(last + 1, command.ToPolicy(), actor, time.GetUtcNow().UtcDateTime);
            db.ScoringPolicyVersions.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            await policies.CurrentAsync(db, cancellationToken);
            return version.Version;
        }
    }
}

/// <summary>The scoring policy in force and the list of its versions, newest first.</summary>
[RequiresPermission(Permission.Administer)]
public static class GetScoringPolicy
{
    public sealed record Query : IQuery<Result>;

    public sealed record VersionRow(int Version, DateTime EffectiveFrom, string ChangedByName, int Categories, int Words, int LargeFrom,
        int MajorFrom, int CriticalFrom);

    public sealed record Result(RiskScoringPolicy Current, IReadOnlyList<VersionRow> Versions);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ScoringPolicies policies) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var current = await policies.CurrentAsync(db, cancellationToken);
            var saved = await db.ScoringPolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
            var rows = saved.Select(v => (Row: v, Policy: v.ToPolicy()))
                .Select(x => new VersionRow(x.Row.Version, x.Row.EffectiveFrom, x.Row.ChangedByName, x.Policy.Categories.Count,
                    x.Policy.Words.Count(), x.Policy.LargeFrom, x.Policy.MajorFrom, x.Policy.CriticalFrom))
                .ToList();
            return new Result(current, rows);
        }
    }
}
