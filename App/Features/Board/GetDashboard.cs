using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Grouping;

namespace OpinionResponse.App.Features.Board;

/// <summary>
/// The leaders' dashboard (领导驾驶舱): items per channel per day, the open cases by state and level, the clocks at risk
/// now and the words most items used in the last 24 hours — all within the reader's unit scope, like every list.
/// </summary>
[RequiresPermission(Permission.ViewDashboard)]
public static class GetDashboard
{
    /// <summary>Days shown in the items-by-channel chart, today (Beijing) included.</summary>
    public const int Days = 14;

    /// <summary>Words shown; items read for them (the newest of the last 24 h).</summary>
    public const int TopWordCount = 12;

    public const int MaxItemsForWords = 2_000;

    public sealed record Query : IQuery<Result>;

    /// <param name="Counts">Items per day, one per <see cref="Result.Days"/>.</param>
    public sealed record ChannelDays(Channel Channel, IReadOnlyList<int> Counts);

    public sealed record StateLevel(CaseState State, RiskLevel? Level, int Count);

    public sealed record ClockAtRisk(int CaseId, string Number, string Title, ClockKind Kind, ClockState State, DateTime DueAt);

    public sealed record WordCount(string Word, int Items);

    /// <param name="UntriagedAtRisk">Items waiting for triage whose 分拣 clock is past its warning (or due) time.</param>
    public sealed record Result(IReadOnlyList<DateOnly> Days, IReadOnlyList<ChannelDays> ItemsByChannel, IReadOnlyList<StateLevel> OpenCases,
        IReadOnlyList<ClockAtRisk> ClocksAtRisk, int UntriagedAtRisk, IReadOnlyList<WordCount> TopWords, DateTime At)
    {
        public int ItemTotal => ItemsByChannel.Sum(c => c.Counts.Sum());

        public int OpenCaseTotal => OpenCases.Sum(c => c.Count);
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ClockPolicies policies,
        JiebaWordSegmenter segmenter, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var items = db.Items.AsNoTracking().VisibleTo(db.Cases, actor);
            var cases = db.Cases.AsNoTracking().VisibleTo(actor);

            var today = DateOnly.FromDateTime(now.ToBeijing());
            var days = Enumerable.Range(0, Days).Select(d => today.AddDays(d - Days + 1)).ToList();
            var since = days[0].ToDateTime(TimeOnly.MinValue).FromBeijing();
            // Counted per hour in SQL (a day of a busy desk is thousands of items), then folded into Beijing days here.
            var perHour = await items.Where(i => i.CollectedAt >= since)
                .GroupBy(i => new { i.Channel, i.CollectedAt.Date, i.CollectedAt.Hour })
                .Select(g => new { g.Key.Channel, g.Key.Date, g.Key.Hour, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var byChannel = perHour
                .GroupBy(h => h.Channel)
                .OrderBy(g => g.Key)
                .Select(g => new ChannelDays(g.Key, days.Select(day => g
                    .Where(h => DateOnly.FromDateTime(DateTime.SpecifyKind(h.Date.AddHours(h.Hour), DateTimeKind.Utc).ToBeijing()) == day)
                    .Sum(h => h.Count)).ToList()))
                .ToList();

            var open = CaseWorkflow.OpenStates.ToList();
            var openCases = await cases.Where(c => open.Contains(c.State))
                .GroupBy(c => new { c.State, c.RiskLevel })
                .Select(g => new StateLevel(g.Key.State, g.Key.RiskLevel, g.Count()))
                .ToListAsync(cancellationToken);

            return new Result(days, byChannel, openCases, await ClocksAtRiskAsync(db, cases, now, cancellationToken),
                await UntriagedAtRiskAsync(items, now, cancellationToken), await TopWordsAsync(items, now, cancellationToken), now);
        }

        private async Task<List<ClockAtRisk>> ClocksAtRiskAsync(OpinionDbContext db, IQueryable<Case> cases, DateTime now, CancellationToken cancellationToken)
        {
            var open = CaseWorkflow.OpenStates.ToList();
            var rows = await cases.Where(c => open.Contains(c.State)).Select(c => new { c.Id, c.Number, c.Title }).ToListAsync(cancellationToken);
            var facts = await db.LoadClockFactsAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
            var atRisk = new List<ClockAtRisk>();
            foreach (var row in rows)
            {
                if (!facts.TryGetValue(row.Id, out var fact))
                {
                    continue;
                }

                atRisk.AddRange(CaseClocks.For(fact, policies.History.At(fact.CreatedAt), now)
                    .Where(c => c.IsRunning && c.State is ClockState.Warning or ClockState.Breached)
                    .Select(c => new ClockAtRisk(row.Id, row.Number, row.Title, c.Kind, c.State, c.DueAt)));
            }

            return atRisk.OrderBy(c => c.DueAt).ToList();
        }

        private async Task<int> UntriagedAtRiskAsync(IQueryable<OpinionItem> items, DateTime now, CancellationToken cancellationToken)
        {
            var history = policies.History;
            var shortest = history.Versions.Min(v => v.Triage * v.WarningFraction);
            var warnedBefore = now - shortest;
            var waiting = await items.Where(i => (i.Status == TriageStatus.New || i.Status == TriageStatus.Claimed) && i.CollectedAt <= warnedBefore)
                .Select(i => i.CollectedAt).ToListAsync(cancellationToken);
            return waiting.Count(at => CaseClocks.Triage(at, null, history.At(at), now).State is ClockState.Warning or ClockState.Breached);
        }

        /// <summary>Words every complaint uses, which would top every day's list and say nothing about it.</summary>
        private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
        {
            "反映", "来电", "希望", "没有", "发现", "表示", "出现", "进行", "已经", "连续", "网友", "市民", "村民", "居民", "群众", "问题",
            "情况", "有关", "相关", "部门", "现在", "今天", "昨天", "目前", "一直", "多次", "尽快", "处理", "解决", "要求", "请求", "转发",
        };

        /// <summary>Nouns (names, places, things) and verbs (停水, 漏水) of two characters or more, counted once per item.</summary>
        private async Task<List<WordCount>> TopWordsAsync(IQueryable<OpinionItem> items, DateTime now, CancellationToken cancellationToken)
        {
            var since = now.AddHours(-24);
            var texts = await items.Where(i => i.CollectedAt >= since).OrderByDescending(i => i.Id).Take(MaxItemsForWords)
                .Select(i => i.Title + "。" + i.Content).ToListAsync(cancellationToken);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var text in texts)
            {
                foreach (var word in segmenter.Cut(text).Where(t => t.Tag.StartsWith('n') || t.Tag.StartsWith('v'))
                             .Select(t => t.Word.Trim()).Where(w => w.Length >= 2 && !w.Any(char.IsWhiteSpace) && !Common.Contains(w))
                             .Distinct(StringComparer.Ordinal))
                {
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }
            }

            return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(TopWordCount)
                .Select(c => new WordCount(c.Key, c.Value)).ToList();
        }
    }
}
