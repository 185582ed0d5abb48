using System.Globalization;
using System.Text;
using OpinionResponse.Domain.Similarity;

namespace OpinionResponse.Infrastructure.Similarity;

/// <summary>One labelled pair of a PAIRS.tsv file (<c>id kind label a b</c>, label dup or distinct).</summary>
public sealed record NearDuplicatePair(string Id, string Kind, bool Duplicate, string A, string B);

/// <summary>Per kind: pairs, how many the near-duplicate rules link, and the rate (recall for dup kinds, false links for distinct).</summary>
public sealed record NearDuplicateFigures(string Kind, bool Duplicate, int Pairs, int Linked)
{
    public double Rate => Pairs == 0 ? 0 : (double)Linked / Pairs;
}

/// <summary>
/// Measures the near-duplicate rules on a labelled set (Tests/data/pairs.tsv): per kind, and the tables the choice of
/// the n-gram, k and the anchors was made from (docs/benchmarks-neardup.md). Used by the tests and the benchmark.
/// </summary>
public static class NearDuplicateEvaluation
{
    public static IReadOnlyList<NearDuplicatePair> Read(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0 || lines[0].TrimStart('\uFEFF') != "id\tkind\tlabel\ta\tb")
        {
            throw new InvalidDataException($"{path}: the header must be id<TAB>kind<TAB>label<TAB>a<TAB>b.");
        }

        return lines.Skip(1).Where(l => l.Length > 0).Select((line, i) =>
        {
            var f = line.Split('\t');
            if (f.Length != 5 || f[2] is not ("dup" or "distinct"))
            {
                throw new InvalidDataException($"{path}: line {i + 2} is not id, kind, dup|distinct, a, b.");
            }

            return new NearDuplicatePair(f[0], f[1], f[2] == "dup", f[3], f[4]);
        }).ToList();
    }

    public static IReadOnlyList<NearDuplicateFigures> Evaluate(IReadOnlyList<NearDuplicatePair> pairs, NearDuplicateRules rules) =>
        pairs.GroupBy(p => (p.Kind, p.Duplicate))
            .Select(g => new NearDuplicateFigures(g.Key.Kind, g.Key.Duplicate, g.Count(),
                g.Count(p => rules.Compare(TextFingerprint.Of(p.A), TextFingerprint.Of(p.B)).IsDuplicate)))
            .OrderByDescending(f => f.Duplicate).ToList();

    /// <summary>Recall over all dup pairs and the false-link rate over all distinct pairs.</summary>
    public static (double Recall, double FalseLinks) Totals(IReadOnlyList<NearDuplicateFigures> figures)
    {
        var dup = figures.Where(f => f.Duplicate).ToList();
        var distinct = figures.Where(f => !f.Duplicate).ToList();
        return ((double)dup.Sum(f => f.Linked) / Math.Max(1, dup.Sum(f => f.Pairs)),
            (double)distinct.Sum(f => f.Linked) / Math.Max(1, distinct.Sum(f => f.Pairs)));
    }

    public static string FormatFigures(IReadOnlyList<NearDuplicateFigures> figures)
    {
        var sb = new StringBuilder();
        sb.Append("| kind | label | pairs | linked | rate |\n|---|---|---:|---:|---:|\n");
        foreach (var f in figures)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {f.Kind} | {(f.Duplicate ? "dup" : "distinct")} | {f.Pairs} | {f.Linked} | {f.Rate:P1} |\n");
        }

        var (recall, falseLinks) = Totals(figures);
        sb.Append(CultureInfo.InvariantCulture, $"| **all dup (recall)** | dup | | | {recall:P1} |\n| **all distinct (false links)** | distinct | | | {falseLinks:P2} |\n");
        return sb.ToString();
    }

    /// <summary>
    /// The table the choice was made from: for whole-text SimHash alone, per n-gram length and k, the share of each kind
    /// within k; then the full rules (SimHash within k, or shared anchor + containment) per k at the default n-gram.
    /// </summary>
    public static string ChoiceTable(IReadOnlyList<NearDuplicatePair> pairs, int[] ngrams, int[] ks)
    {
        var kinds = pairs.GroupBy(p => (p.Kind, p.Duplicate)).OrderByDescending(g => g.Key.Duplicate).Select(g => g.Key).ToList();
        var sb = new StringBuilder();
        sb.Append("SimHash alone (share of pairs within k; dup kinds = recall, distinct kinds = false links)\n\n| n | k | ")
            .AppendJoin(" | ", kinds.Select(k => k.Kind)).Append(" |\n|---|---|").Append(string.Concat(kinds.Select(_ => "---:|"))).Append('\n');
        foreach (var n in ngrams)
        {
            var distances = pairs.Select(p => (p.Kind, p.Duplicate,
                D: SimHash.Distance(SimHash.Compute(p.A, n), SimHash.Compute(p.B, n)))).ToList();
            foreach (var k in ks)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {n} | {k} | ");
                sb.AppendJoin(" | ", kinds.Select(kind =>
                {
                    var of = distances.Where(d => d.Kind == kind.Kind && d.Duplicate == kind.Duplicate).ToList();
                    return ((double)of.Count(d => d.D <= k) / of.Count).ToString("P0", CultureInfo.InvariantCulture);
                })).Append(" |\n");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nFull rules (n = {SimHash.DefaultNgram}; SimHash within k, or a shared anchor and containment ≥ {NearDuplicateRules.Default.MinContainment})\n\n| k | ")
            .AppendJoin(" | ", kinds.Select(k => k.Kind)).Append(" |\n|---|").Append(string.Concat(kinds.Select(_ => "---:|"))).Append('\n');
        var fingerprints = pairs.Select(p => (p, A: TextFingerprint.Of(p.A), B: TextFingerprint.Of(p.B))).ToList();
        foreach (var k in ks)
        {
            var rules = NearDuplicateRules.Default with { MaxDistance = k };
            sb.Append(CultureInfo.InvariantCulture, $"| {k} | ");
            sb.AppendJoin(" | ", kinds.Select(kind =>
            {
                var of = fingerprints.Where(f => f.p.Kind == kind.Kind && f.p.Duplicate == kind.Duplicate).ToList();
                return ((double)of.Count(f => rules.Compare(f.A, f.B).IsDuplicate) / of.Count).ToString("P1", CultureInfo.InvariantCulture);
            })).Append(" |\n");
        }

        sb.Append("\nContainment (share of the shorter text's bigrams in the longer one): the margin MinContainment sits in\n\n| kind | label | min | 5th pct | median | 95th pct | max |\n|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var kind in kinds)
        {
            var values = fingerprints.Where(f => f.p.Kind == kind.Kind && f.p.Duplicate == kind.Duplicate)
                .Select(f => NearDuplicateRules.Containment(f.A.Bigrams, f.B.Bigrams).Containment).Order().ToArray();
            string At(double q) => values[Math.Clamp((int)Math.Ceiling(q * values.Length) - 1, 0, values.Length - 1)].ToString("F2", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"| {kind.Kind} | {(kind.Duplicate ? "dup" : "distinct")} | {At(0)} | {At(0.05)} | {At(0.5)} | {At(0.95)} | {At(1)} |\n");
        }

        sb.Append("\nAnchors (winnowing): share of pairs sharing an anchor, and anchors per text\n\n| gram | window | guarantee | ")
            .AppendJoin(" | ", kinds.Select(k => k.Kind)).Append(" | anchors/text |\n|---|---|---|").Append(string.Concat(kinds.Select(_ => "---:|"))).Append("---:|\n");
        foreach (var anchorRules in new[] { new AnchorRules(4, 8, 64), new AnchorRules(4, 12, 64), new AnchorRules(5, 12, 64), AnchorRules.Default, new AnchorRules(6, 20, 64) })
        {
            var shared = pairs.Select(p => (p.Kind, p.Duplicate,
                A: TextFingerprint.AnchorsOf(TextNormaliser.Normalise(p.A), anchorRules),
                B: TextFingerprint.AnchorsOf(TextNormaliser.Normalise(p.B), anchorRules))).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"| {anchorRules.Ngram} | {anchorRules.Window} | {anchorRules.Guarantee} | ");
            sb.AppendJoin(" | ", kinds.Select(kind =>
            {
                var of = shared.Where(s => s.Kind == kind.Kind && s.Duplicate == kind.Duplicate).ToList();
                return ((double)of.Count(s => NearDuplicateRules.ShareAnchor(s.A, s.B)) / of.Count).ToString("P0", CultureInfo.InvariantCulture);
            }));
            sb.Append(CultureInfo.InvariantCulture, $" | {shared.Average(s => s.A.Length):F1} |\n");
        }

        return sb.ToString();
    }
}
