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
    private const string Usage = "grouping [--window 100000] [--items 2000] [--seed 5] [--postings 400 (Grouping:MaxPostingsPerKey)] [--candidates 64 (Grouping:MaxCandidates)] [--posts (the intake benchmark's texts)] [--pairs A.tsv,B.tsv (labelled pairs through the index, capped and uncapped)]";

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
        options.MaxCandidates = Option(args, "--candidates", options.MaxCandidates);
        var now = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

        Progress($"Generating {window:N0} window items and {count:N0} new items…");
        // --posts: the intake benchmark's texts (sentences of hand-written posts, one in ten a repost). Their sentences recur
        // across a large window, so much of them is learned as boilerplate and not segmented: the intake benchmark, which
        // starts from an empty window, shows their cost better.
        var posts = args.Contains("--posts") ? new BenchPosts(Option(args, "--seed", 5)) : null;
        MatterDocument Make(int id, DateTime at) => posts is null ? Document(random, id, at) : Post(posts, id, at);
        // Ids in the order of the items' times, as the app's follow arrival.
        var times = Enumerable.Range(0, window).Select(_ => now.AddMinutes(-random.Next(30 * 24 * 60))).Order().ToList();
        var corpus = Enumerable.Range(1, window).Select(i => Make(i, times[i - 1])).ToList();
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

        // Before and after in the same run, on the same window: every candidate scored and one item extracted at a time
        // (MaxCandidates 0), against the ranked, capped candidates and a batch's items extracted on every core, as the stage
        // runs now. Each on its own index built from the same features, each fed its own copy of the new items.
        var uncappedOptions = new GroupingOptions { MaxPostingsPerKey = options.MaxPostingsPerKey, MaxCandidates = 0 };
        var uncapped = new SameMatterIndex(uncappedOptions);
        uncapped.Reset(model, features);
        var notBefore = now.AddDays(-options.WindowDays);

        Progress("Same-matter stage per new item, every candidate scored (before)…");
        var before = PerItem(model, uncapped, arrivals, notBefore);
        Progress("Same-matter stage per new item, ranked and capped candidates (after)…");
        var after = PerItem(model, index, arrivals.Select(d => d with { ItemId = d.ItemId + count }).ToList(), notBefore);
        Progress("Same-matter stage in batches of 25, features on every core (after)…");
        var batches = Batched(model, index, arrivals.Select(d => d with { ItemId = d.ItemId + 2 * count }).ToList(), notBefore);

        if (args.Contains("--diff"))
        {
            var (x, y) = (new SameMatterIndex(uncappedOptions), new SameMatterIndex(options));
            x.Reset(model, features);
            y.Reset(model, features);
            Diff(model, x, y, arrivals.Take(300).Select(d => d with { ItemId = d.ItemId + 3 * count }).ToList(), notBefore);
        }

        var b = Percentiles(baseline);
        Console.WriteLine($"window {window:N0} items, {count:N0} new items, {Environment.ProcessorCount} cores; model built in {build.Elapsed.TotalSeconds:F1} s; load average {LoadAverage()}");
        Console.WriteLine("per item (ms), wall                       p50      p99     mean   CPU mean");
        Console.WriteLine(Row("near-duplicate baseline", b, double.NaN));
        foreach (var (name, run) in new[] { ("before: every candidate scored", before), ("after: ranked, capped", after) })
        {
            Console.WriteLine(Row(name, Percentiles(run.Stage), run.CpuMs));
            Console.WriteLine(Row("  features (jieba etc.)", Percentiles(run.Extract), double.NaN));
            Console.WriteLine(Row("  find (candidates, scoring)", Percentiles(run.Find), double.NaN));
            Console.WriteLine(Row("  add", Percentiles(run.Add), double.NaN));
            Console.WriteLine($"  candidates scored per item: {run.Scored:F0}; items with a suggestion: {run.Suggested:N0}/{count:N0}; gen-0 collections {run.Collections}");
        }

        var sequentialRate = 1000 / Percentiles(after.Stage).Mean;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"items/s: before {1000 / Percentiles(before.Stage).Mean:F0}, after one at a time {sequentialRate:F0}, after in batches of 25 {batches.Rate:F0} (CPU {batches.CpuMs:F3} ms an item)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratios: after / before mean {Percentiles(after.Stage).Mean / Percentiles(before.Stage).Mean:F2}x, CPU {after.CpuMs / before.CpuMs:F2}x; before / near-duplicate p50 {Percentiles(before.Stage).P50 / b.P50:F1}x, after {Percentiles(after.Stage).P50 / b.P50:F1}x"));
        if (Pairs(args) is { Count: > 0 } pairFiles)
        {
            ThroughTheIndex(pairFiles, corpus, places, segmenter, options, uncappedOptions, now, random);
        }

        var s = Percentiles(after.Stage);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"window\":{window},\"items\":{count},\"stageP50Ms\":{s.P50:F3},\"stageP99Ms\":{s.P99:F3},\"stageMeanMs\":{s.Mean:F3},\"beforeMeanMs\":{Percentiles(before.Stage).Mean:F3},\"batchItemsPerSecond\":{batches.Rate:F0},\"baselineP50Ms\":{b.P50:F3},\"baselineP99Ms\":{b.P99:F3},\"targetMet\":{(s.P99 <= 2.0 && batches.Rate >= 2000 ? "true" : "false")}}}"));
        return Task.FromResult(0);
    }

    private sealed record Run(List<double> Stage, List<double> Extract, List<double> Find, List<double> Add, double CpuMs, double Scored, int Suggested, int Collections);

    /// <summary>One item at a time, each part timed; CPU time of the process over the loop (steadier than wall time on a shared machine).</summary>
    private static Run PerItem(MatterModel model, SameMatterIndex index, List<MatterDocument> arrivals, DateTime notBefore)
    {
        var (extract, find, add, stage) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var suggested = 0;
        var gc = GC.CollectionCount(0);
        var scoredBefore = index.CandidatesScored;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var d in arrivals)
        {
            var t = Stopwatch.GetTimestamp();
            var f = model.Extract(d);
            var e = Stopwatch.GetTimestamp();
            var found = index.Find(f, SameMatterStage.SuggestionsPerItem, notBefore);
            var g = Stopwatch.GetTimestamp();
            index.Add(f);
            var end = Stopwatch.GetTimestamp();
            extract.Add(Stopwatch.GetElapsedTime(t, e).TotalMilliseconds);
            find.Add(Stopwatch.GetElapsedTime(e, g).TotalMilliseconds);
            add.Add(Stopwatch.GetElapsedTime(g, end).TotalMilliseconds);
            stage.Add(Stopwatch.GetElapsedTime(t, end).TotalMilliseconds);
            suggested += found.Count > 0 ? 1 : 0;
        }

        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / arrivals.Count;
        return new Run(stage, extract, find, add, cpuMs, (double)(index.CandidatesScored - scoredBefore) / arrivals.Count, suggested, GC.CollectionCount(0) - gc);
    }

    /// <summary>As the stage runs a chunk: the batch's features on every core, then find and add in order.</summary>
    private static (double Rate, double CpuMs) Batched(MatterModel model, SameMatterIndex index, List<MatterDocument> arrivals, DateTime notBefore)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var t = Stopwatch.GetTimestamp();
        foreach (var chunk in arrivals.Chunk(25))
        {
            var features = model.ExtractAll(chunk);
            foreach (var f in features)
            {
                _ = index.Find(f, SameMatterStage.SuggestionsPerItem, notBefore);
                index.Add(f);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(t).TotalSeconds;
        return (arrivals.Count / seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / arrivals.Count);
    }

    /// <summary>Development aid: the first new items whose suggestions differ between the uncapped and the capped index.</summary>
    private static void Diff(MatterModel model, SameMatterIndex uncapped, SameMatterIndex capped, List<MatterDocument> arrivals, DateTime notBefore)
    {
        var shown = 0;
        foreach (var d in arrivals)
        {
            var f = model.Extract(d);
            var all = uncapped.Find(f, SameMatterStage.SuggestionsPerItem, notBefore);
            var some = capped.Find(f, SameMatterStage.SuggestionsPerItem, notBefore);
            if (shown < 5 && !all.Select(c => c.Other.ItemId).SequenceEqual(some.Select(c => c.Other.ItemId)))
            {
                shown++;
                Console.WriteLine($"diff {d.Title}|{d.Content} {Describe(f)}");
                foreach (var c in all)
                {
                    Console.WriteLine($"  uncapped {c.Score.Score:F2} {Describe(c.Other)}");
                }

                foreach (var c in some)
                {
                    Console.WriteLine($"  capped   {c.Score.Score:F2} {Describe(c.Other)}");
                }
            }

            uncapped.Add(f);
            capped.Add(f);
        }
    }

    private static string Describe(MatterFeatures f) =>
        $"#{f.ItemId} {f.At:MM-dd HH:mm} p:{string.Join(',', f.Places)} c:{string.Join(',', f.Categories)} m:{string.Join(',', f.Mentions)} w:{string.Join(',', f.Words.Keys.Take(8))}";

    private static List<string> Pairs(string[] args)
    {
        var i = Array.IndexOf(args, "--pairs");
        return i >= 0 && i + 1 < args.Length ? [.. args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries)] : [];
    }

    /// <summary>
    /// Whether capping the candidates loses a labelled link: every text of the labelled files goes into the window (with
    /// the synthetic items, at a random time of the last day), and each pair's "b" is looked up through the index as a new
    /// item is: the pair counts as linked when "a" is among the suggestions. Capped and uncapped on the same window.
    /// </summary>
    private static void ThroughTheIndex(List<string> files, List<MatterDocument> corpus, List<Place> places, JiebaWordSegmenter segmenter,
        GroupingOptions capped, GroupingOptions uncapped, DateTime now, Random random)
    {
        var pairs = files.Select(file =>
        {
            using var reader = new StreamReader(file);
            return (File: Path.GetFileName(file), Pairs: PairEvaluation.Parse(reader, file));
        }).ToList();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = new List<MatterDocument>();
        foreach (var text in pairs.SelectMany(p => p.Pairs).SelectMany(p => new[] { p.A, p.B }))
        {
            if (!ids.ContainsKey(text))
            {
                ids[text] = corpus.Count + 10_000_000 + ids.Count;
                documents.Add(new MatterDocument(ids[text], string.Empty, text, now.AddMinutes(-random.Next(24 * 60))));
            }
        }

        Progress($"Through the index: {ids.Count:N0} labelled texts among {corpus.Count:N0} synthetic items…");
        var (model, features) = MatterModel.Build([.. corpus, .. documents], places, segmenter, capped);
        var byId = features.ToDictionary(f => f.ItemId);
        Console.WriteLine("through the index (a among b's suggestions)      pairs   direct  uncapped    capped");
        var indexes = new[] { uncapped, capped }.Select(o =>
        {
            var index = new SameMatterIndex(o);
            index.Reset(model, features);
            return index;
        }).ToArray();
        foreach (var (file, list) in pairs)
        {
            foreach (var kind in list.GroupBy(p => p.Kind))
            {
                var direct = 0;
                var linked = new int[2];
                foreach (var pair in kind)
                {
                    var (a, b) = (byId[ids[pair.A]], byId[ids[pair.B]]);
                    direct += MatterScorer.Value(a, b, model.Weights, capped.SameMatter) >= capped.SameMatter.Threshold ? 1 : 0;
                    for (var i = 0; i < 2; i++)
                    {
                        linked[i] += indexes[i].Find(b, SameMatterStage.SuggestionsPerItem).Any(c => c.Other.ItemId == a.ItemId) ? 1 : 0;
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{file + " " + kind.Key + " (" + (kind.First().Duplicate ? "dup" : "distinct") + ")",-48}{kind.Count(),6}{direct,9}{linked[0],10}{linked[1],10}"));
            }
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
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

    private static string Row(string name, Stats s, double cpuMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-40}{s.P50,8:F3} {s.P99,8:F3} {s.Mean,8:F3} {(double.IsNaN(cpuMs) ? "" : cpuMs.ToString("F3", CultureInfo.InvariantCulture)),10}");

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[grouping] {message}");
}
