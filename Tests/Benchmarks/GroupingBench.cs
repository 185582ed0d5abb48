using System.Diagnostics;
using System.Globalization;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Grouping;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// The same-matter cost target (docs/benchmarks-grouping.md): what the same-matter stage adds per ingested item with
/// 100,000 items in the window — features (jieba segmentation, gazetteer, categories), candidates from the inverted
/// index, scoring, and adding the item — against a baseline of the same run: the near-duplicate stage's own per-item
/// work (fingerprint + index lookup) at the same size. The window is synthetic: town texts made from the gazetteer's
/// places, the problem table's words, people, numbers and letter boilerplate, spread over 30 days. The database write
/// of the suggestions (one per batch) is not in the figure.
/// </summary>
[SubBenchmark("grouping")]
public static class GroupingBench
{
    private const string Usage = "grouping [--window 100000] [--items 2000] [--seed 5] [--postings 400 (Grouping:MaxPostingsPerKey)] [--posts (the intake benchmark's texts)]";

    private static readonly string[] Openings = ["", "", "", "尊敬的镇领导您好，我是北岸镇居民，", "来电人反映：", "网友留言：", "#北岸镇# "];
    private static readonly string[] Closings = ["", "", "望有关部门尽快解决，谢谢！", "希望相关部门调查处理。", "到底有没有人管？", "已经好几天了。"];
    private static readonly string[] Fillers = ["物业说不归他们管", "打了好几次电话都没人接", "老人孩子都受影响", "邻居们都很着急", "附近商户意见很大",
        "晚上根本睡不着", "上下班很不方便", "已经拍了照片", "村里说在协调", "希望给个说法", "业主群里都在讨论", "去年也出过这种事"];
    private static readonly string[] Surnames = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"];
    private static readonly string[] Given = ["建国", "海燕", "志强", "丽华", "国平", "秀英", "小军", "红梅"];
    private static readonly string[] Units = ["栋", "号楼", "户", "米", "元", "天"];

    public static Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.Error.WriteLine(Usage);
            return Task.FromResult(0);
        }

        var window = Option(args, "--window", 100_000);
        var count = Option(args, "--items", 2_000);
        var random = new Random(Option(args, "--seed", 5));
        var places = PlaceSeed.Places.Select(p => new Place(p.Name, p.Kind, p.Aliases)).ToList();
        var options = new GroupingOptions();
        options.MaxPostingsPerKey = Option(args, "--postings", options.MaxPostingsPerKey);
        var now = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

        Progress($"Generating {window:N0} window items and {count:N0} new items…");
        // --posts: the intake benchmark's texts (sentences of hand-written posts, one in ten a repost). Their sentences recur
        // across a large window, so much of them is learned as boilerplate and not segmented: the intake benchmark, which
        // starts from an empty window, shows their cost better.
        var posts = args.Contains("--posts") ? new BenchPosts(Option(args, "--seed", 5)) : null;
        MatterDocument Make(int id, DateTime at) => posts is null ? Document(random, id, at) : Post(posts, id, at);
        var corpus = Enumerable.Range(1, window).Select(i => Make(i, now.AddMinutes(-random.Next(30 * 24 * 60)))).ToList();
        var arrivals = Enumerable.Range(window + 1, count).Select(i => Make(i, now)).ToList();

        Progress("Building the model (boilerplate, features, word weights) over the window…");
        var segmenter = new JiebaWordSegmenter();
        var build = Stopwatch.StartNew();
        var (model, features) = MatterModel.Build(corpus, places, segmenter, options);
        var index = new SameMatterIndex(options);
        index.Reset(model, features);
        build.Stop();
        Progress($"Built in {build.Elapsed.TotalSeconds:F1} s ({model.Boilerplate.Learned.Count} learned boilerplate clauses).");

        Progress("Baseline: near-duplicate fingerprint and lookup at the same size…");
        var nearIndex = new NearDuplicateIndex(NearDuplicateRules.Default.MaxDistance, window + count);
        foreach (var d in corpus)
        {
            var f = TextFingerprint.Of(TextFingerprint.ItemText(d.Title, d.Content));
            nearIndex.Add(d.ItemId, f.SimHash, f.Anchors);
        }

        // Warm both paths (JIT, caches) on items that are not measured.
        foreach (var d in corpus.Take(200))
        {
            _ = index.Find(model.Extract(d), SameMatterStage.SuggestionsPerItem, now.AddDays(-options.WindowDays));
            var f = TextFingerprint.Of(TextFingerprint.ItemText(d.Title, d.Content));
            _ = nearIndex.Candidates(f.SimHash, f.Anchors);
        }

        var baseline = new List<double>(count);
        foreach (var d in arrivals)
        {
            var t = Stopwatch.GetTimestamp();
            var f = TextFingerprint.Of(TextFingerprint.ItemText(d.Title, d.Content));
            _ = nearIndex.Candidates(f.SimHash, f.Anchors);
            nearIndex.Add(d.ItemId, f.SimHash, f.Anchors);
            baseline.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        Progress("Same-matter stage per new item…");
        var gcBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        var extract = new List<double>(count);
        var stage = new List<double>(count);
        var suggested = 0;
        var notBefore = now.AddDays(-options.WindowDays);
        foreach (var d in arrivals)
        {
            var t = Stopwatch.GetTimestamp();
            var f = model.Extract(d);
            var e = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            var found = index.Find(f, SameMatterStage.SuggestionsPerItem, notBefore);
            index.Add(f);
            stage.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            extract.Add(e);
            suggested += found.Count > 0 ? 1 : 0;
        }

        var s = Percentiles(stage);
        var x = Percentiles(extract);
        var b = Percentiles(baseline);
        Console.WriteLine($"window {window:N0} items, {count:N0} new items, {Environment.ProcessorCount} cores; model built in {build.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine("per item (ms)                          p50      p99     mean");
        Console.WriteLine(Row("same-matter stage (all)", s));
        Console.WriteLine(Row("  of which features (jieba etc.)", x));
        Console.WriteLine(Row("near-duplicate baseline", b));
        Console.WriteLine($"garbage collections during the stage: {GC.CollectionCount(0) - gcBefore}, paused {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms in all; postings read per key: {options.MaxPostingsPerKey}");
        Console.WriteLine($"ratio same-matter / near-duplicate (p50): {s.P50 / b.P50:F1}x; items with a suggestion: {suggested:N0}/{count:N0}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"window\":{window},\"items\":{count},\"stageP50Ms\":{s.P50:F3},\"stageP99Ms\":{s.P99:F3},\"stageMeanMs\":{s.Mean:F3},\"featuresP50Ms\":{x.P50:F3},\"baselineP50Ms\":{b.P50:F3},\"baselineP99Ms\":{b.P99:F3},\"targetMet\":{(s.Mean <= 2.0 ? "true" : "false")}}}"));
        return Task.FromResult(0);
    }

    private static MatterDocument Document(Random r, int id, DateTime at)
    {
        var place = PlaceSeed.Places[r.Next(PlaceSeed.Places.Count)];
        var placeName = place.Aliases.Length > 0 && r.Next(3) == 0 ? place.Aliases[r.Next(place.Aliases.Length)] : place.Name;
        var (category, words) = ProblemCategories.Default.Table.ElementAt(r.Next(ProblemCategories.Default.Table.Count));
        var word = r.Next(3) == 0 ? category : words[r.Next(words.Length)];
        var person = r.Next(4) == 0 ? $"{Surnames[r.Next(Surnames.Length)]}{Given[r.Next(Given.Length)]}说" : string.Empty;
        var number = r.Next(2) == 0 ? $"{r.Next(1, 30)}{Units[r.Next(Units.Length)]}" : string.Empty;
        var content = $"{Openings[r.Next(Openings.Length)]}{placeName}{number}{word}，{person}{Fillers[r.Next(Fillers.Length)]}，" +
                      $"{Fillers[r.Next(Fillers.Length)]}。{Closings[r.Next(Closings.Length)]}";
        return new MatterDocument(id, $"{placeName}{word}", content, at);
    }

    private static MatterDocument Post(BenchPosts posts, int id, DateTime at)
    {
        var (title, content) = posts.Next();
        return new MatterDocument(id, title, content, at);
    }

    private sealed record Stats(double P50, double P99, double Mean);

    private static Stats Percentiles(List<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Stats(At(0.50), At(0.99), values.Average());
    }

    private static string Row(string name, Stats s) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-36}{s.P50,8:F3} {s.P99,8:F3} {s.Mean,8:F3}");

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[grouping] {message}");
}
