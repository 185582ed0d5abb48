using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Similarity;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// Near-duplicate lookup at a million items: builds the index of 1,000,000 fingerprints (the labelled set's
/// texts plus synthetic texts drawn from the set's own character frequencies), then times lookups of the labelled
/// texts against baselines measured in the same run on the same fingerprints: a linear popcount scan (what an index
/// saves) and a hash-set exact lookup (the floor of any lookup). Then recall and false merges on the labelled set
/// through the index, with the million items as distractors.
/// <code>dotnet run -c Release --project Tests/Benchmarks -- neardup [--items N] [--pairs PATH] [--k K]</code>
/// </summary>
[SubBenchmark("neardup")]
public static class NearDupBench
{
    public static Task<int> RunAsync(string[] args)
    {
        var items = IntArg(args, "--items", 1_000_000);
        var k = IntArg(args, "--k", NearDuplicateRules.Default.MaxDistance);
        var path = StringArg(args, "--pairs") ?? FindPairs();
        var rules = NearDuplicateRules.Default with { MaxDistance = k };
        var pairs = NearDuplicateEvaluation.Read(path);
        Console.WriteLine($"near-duplicates: {pairs.Count} labelled pairs from {path}; index of {items:N0} fingerprints; k = {k}, " +
                          $"SimHash n = {SimHash.DefaultNgram}, anchors {AnchorRules.Default}; {Environment.ProcessorCount} cores");

        // The labelled texts get ids 1..L ("a" sides first, so a lookup of "b" finds an earlier item); synthetic the rest.
        var texts = pairs.Select(p => p.A).Concat(pairs.Select(p => p.B)).Distinct(StringComparer.Ordinal).ToList();
        var labelled = texts.Select(t => TextFingerprint.Of(t)).ToArray();
        var idOf = texts.Select((t, i) => (t, i + 1)).ToDictionary(x => x.t, x => x.Item2, StringComparer.Ordinal);

        var watch = Stopwatch.StartNew();
        var synthetic = Synthetic(texts, items - labelled.Length);
        var fingerprintSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"fingerprinted {synthetic.Length:N0} synthetic texts in {fingerprintSeconds:F1} s " +
                          $"({synthetic.Length / fingerprintSeconds:N0} texts/s on {Environment.ProcessorCount} cores)");

        var all = labelled.Select(l => (l.SimHash, l.Anchors)).Concat(synthetic).ToArray();
        var queries = labelled.Select(l => l.SimHash).ToArray();

        // Baselines on the same array: every query scanned linearly, and an exact hash-set hit.
        var flat = all.Select(a => a.SimHash).ToArray();
        var scan = Time(queries.Take(200).ToArray(), q =>
        {
            var hits = 0;
            foreach (var f in flat)
            {
                if (BitOperations.PopCount(f ^ q) <= k)
                {
                    hits++;
                }
            }

            return hits;
        });
        var set = flat.ToHashSet();
        var exact = Time(queries, q => set.Contains(q) ? 1 : 0);

        Console.WriteLine();
        Console.WriteLine("| k | build (items/s) | memory (MB) | Within p50 µs | p99 µs | candidates/lookup | Within+anchors p50 µs | p99 µs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        NearDuplicateIndex? chosen = null;
        foreach (var kk in new[] { 3, 4, 6 }.Append(k).Distinct().Order())
        {
            var index = new NearDuplicateIndex(kk, capacity: all.Length);
            watch.Restart();
            for (var i = 0; i < all.Length; i++)
            {
                index.Add(i + 1, all[i].SimHash, all[i].Anchors);
            }

            var buildRate = all.Length / watch.Elapsed.TotalSeconds;
            var found = new List<(int, int)>();
            var within = Time(queries, q =>
            {
                found.Clear();
                index.Within(q, found);
                return found.Count;
            });
            var reused = new List<int>(1024);
            var full = Time(labelled, l =>
            {
                index.Candidates(l.SimHash, l.Anchors, reused);
                return reused.Count;
            });
            var perLookup = labelled.Average(l => index.Candidates(l.SimHash, l.Anchors).Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kk} | {buildRate:N0} | {index.ApproximateBytes / 1048576.0:F0} | {within.P50:F1} | {within.P99:F1} | {perLookup:F1} | {full.P50:F1} | {full.P99:F1} |"));
            if (kk == k)
            {
                chosen = index;
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline linear popcount scan of {flat.Length:N0}: p50 {scan.P50:F0} µs, p99 {scan.P99:F0} µs; hash-set exact lookup: p50 {exact.P50:F2} µs, p99 {exact.P99:F2} µs"));

        // Recall and false merges through the index: look each "b" up among the million, verify, and see whether
        // its "a" is linked (dup) or anything at all is linked that is not the same text (distinct pairs, synthetic items).
        var index1 = chosen!;
        var byId = labelled.Select((l, i) => (l, i + 1)).ToDictionary(x => x.Item2, x => x.l);
        foreach (var fingerprint in labelled)
        {
            _ = fingerprint.Bigrams; // as the app's verification has them: computed from the stored text before comparing
        }

        var perKind = new SortedDictionary<string, (bool Dup, int Pairs, int Linked)>(StringComparer.Ordinal);
        var keptByCap = new Dictionary<int, int>();
        var syntheticLinks = 0;
        var syntheticCandidates = 0;
        var alphabet = Alphabet(texts);
        var verify = new List<double>();
        var candidates = new List<int>(1024);
        foreach (var pair in pairs)
        {
            var a = idOf[pair.A];
            var b = byId[idOf[pair.B]];
            var self = idOf[pair.B];
            var started = Stopwatch.GetTimestamp();
            index1.Candidates(b.SimHash, b.Anchors, candidates);
            var linkedToA = false;
            foreach (var id in candidates)
            {
                // Synthetic items have no text here: counted below; a real lookup verifies them like any other.
                if (id != self && byId.TryGetValue(id, out var other) && rules.Compare(b, other).IsDuplicate && id == a)
                {
                    linkedToA = true;
                }
            }

            verify.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            foreach (var id in candidates.Where(id => !byId.ContainsKey(id)))
            {
                syntheticCandidates++;
                if (rules.Compare(b, TextFingerprint.OfNormalised(SyntheticText(alphabet, id - labelled.Length - 1))).IsDuplicate)
                {
                    syntheticLinks++;
                }
            }
            var (dup, n, hits) = perKind.GetValueOrDefault(pair.Kind, (pair.Duplicate, 0, 0));
            perKind[pair.Kind] = (dup, n + 1, hits + (linkedToA ? 1 : 0));
            if (pair.Duplicate && linkedToA)
            {
                // The app verifies only the first MaxCandidates of the ranked list: is the original still among them?
                foreach (var cap in Caps)
                {
                    if (index1.RankedCandidates(b.SimHash, b.Anchors, cap, id => id != self).Contains(a))
                    {
                        keptByCap[cap] = keptByCap.GetValueOrDefault(cap) + 1;
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| kind | label | pairs | linked through the index | rate |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (kind, (dup, n, hits)) in perKind.OrderByDescending(p => p.Value.Dup))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {(dup ? "dup" : "distinct")} | {n} | {hits} | {(double)hits / n:P1} |"));
        }

        var dupPairs = perKind.Values.Where(v => v.Dup).ToList();
        var distinctPairs = perKind.Values.Where(v => !v.Dup).ToList();
        var recall = (double)dupPairs.Sum(v => v.Linked) / dupPairs.Sum(v => v.Pairs);
        var falseMerges = (double)distinctPairs.Sum(v => v.Linked) / distinctPairs.Sum(v => v.Pairs);
        var lookupVerify = Stats(verify);
        var linkedDups = dupPairs.Sum(v => v.Linked);
        Console.WriteLine(string.Join("; ", Caps.Select(cap => string.Create(CultureInfo.InvariantCulture,
            $"ranked candidates capped at {cap}: {keptByCap.GetValueOrDefault(cap)} of the {linkedDups} linked originals kept"))));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recall {recall:P1} (target ≥ 98%); false merges {falseMerges:P2} (target ≤ 0.1%); " +
            $"synthetic candidates {syntheticCandidates}, of which linked after verification {syntheticLinks}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lookup + verify (in memory) of a labelled text at {all.Length:N0}: p50 {lookupVerify.P50:F1} µs, p99 {lookupVerify.P99:F1} µs (target ≤ 100 µs); " +
            $"{scan.P50 / lookupVerify.P50:F0}× faster than the linear scan"));
        return Task.FromResult(recall >= 0.95 && falseMerges <= 0.001 && syntheticLinks == 0 ? 0 : 1);
    }

    private static readonly int[] Caps = [32, 64, 128, 500];

    /// <summary>
    /// Synthetic posts: random texts drawn from the labelled texts' own character frequencies, 40–200 characters, so
    /// their SimHash bits are as biased as real ones while their content is unique (as most of a year's items are).
    /// </summary>
    private static (ulong SimHash, uint[] Anchors)[] Synthetic(IReadOnlyList<string> texts, int count)
    {
        var chars = Alphabet(texts);
        var result = new (ulong, uint[])[Math.Max(0, count)];
        Parallel.For(0, result.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var fingerprint = TextFingerprint.OfNormalised(SyntheticText(chars, i));
            result[i] = (fingerprint.SimHash, fingerprint.Anchors);
        });
        return result;
    }

    private static char[] Alphabet(IReadOnlyList<string> texts) => string.Concat(texts.Select(t => TextNormaliser.Normalise(t))).ToCharArray();

    /// <summary>The i-th synthetic text, the same every time (seeded by i), so a candidate can be verified against its text.</summary>
    private static string SyntheticText(char[] chars, int i)
    {
        var random = new Random(i);
        var length = random.Next(40, 200);
        var sb = new StringBuilder(length);
        for (var c = 0; c < length; c++)
        {
            sb.Append(chars[random.Next(chars.Length)]);
        }

        return sb.ToString();
    }

    private static (double P50, double P99) Time<T>(IReadOnlyList<T> inputs, Func<T, int> lookup)
    {
        var sink = 0;
        foreach (var input in inputs.Take(50))
        {
            sink += lookup(input); // warm-up
        }

        var micros = new List<double>(inputs.Count);
        foreach (var input in inputs)
        {
            var started = Stopwatch.GetTimestamp();
            sink += lookup(input);
            micros.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        GC.KeepAlive(sink);
        return Stats(micros);
    }

    private static (double P50, double P99) Stats(List<double> micros)
    {
        micros.Sort();
        return (micros[micros.Count / 2], micros[Math.Min(micros.Count - 1, (int)Math.Ceiling(micros.Count * 0.99) - 1)]);
    }

    private static string FindPairs() =>
        BenchData.Find(Path.Combine("Tests", "data", "pairs.tsv"))
        ?? throw new FileNotFoundException("Tests/data/pairs.tsv not found above the program; pass --pairs PATH.");

    internal static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
