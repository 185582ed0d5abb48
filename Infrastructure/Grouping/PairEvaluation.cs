using System.Globalization;
using System.Text;
using System.Text.Json;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Similarity;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>One labelled pair of a PAIRS.tsv file (<c>id kind label a b</c>).</summary>
public sealed record LabelledPair(string Id, string Kind, bool Duplicate, string A, string B);

public sealed class PairFileException(string message) : Exception(message);

/// <summary>Per kind: how many pairs, and how many each stage links (sameMatter: either stage).</summary>
public sealed record KindFigures(string Kind, string Label, int Pairs, int NearDuplicate, int SameMatter);

/// <summary>Every pair of a file's reports (<see cref="PairEvaluation.EvaluateMatters"/>): within their matter and across matters.</summary>
public sealed record MatterFigures(int Matters, int Reports, int WithinPairs, int WithinLinked, int ReportsLinked, int CrossPairs, int CrossLinked, int ReportsFalselyLinked);

/// <summary>
/// Runs both stages on labelled pairs with the app's own code and settings (the admin's evaluation): stage 1 is the
/// near-duplicate distance, stage 2 the same-matter score against the threshold; a pair counts for "sameMatter" when
/// either stage links it, as at intake.
/// </summary>
public static class PairEvaluation
{
    public const string Header = "id\tkind\tlabel\ta\tb";

    /// <summary>Kinds whose dup pairs are the near-duplicate stage's to find (mechanical edits): listed when stage 1 misses them.</summary>
    public const string NearDuplicateKindPrefix = "m-";

    public static IReadOnlyList<LabelledPair> Parse(TextReader reader, string name)
    {
        var header = reader.ReadLine()?.TrimStart('\uFEFF').TrimEnd('\r');
        if (header != Header)
        {
            throw new PairFileException($"{name}: line 1 must be the header \"id<TAB>kind<TAB>label<TAB>a<TAB>b\", found \"{header}\".");
        }

        var pairs = new List<LabelledPair>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            line = line.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 5)
            {
                throw new PairFileException($"{name}: line {number} has {fields.Length} tab-separated fields; 5 expected (id kind label a b).");
            }

            var duplicate = fields[2] switch
            {
                "dup" => true,
                "distinct" => false,
                _ => throw new PairFileException($"{name}: line {number}: label \"{fields[2]}\" is neither \"dup\" nor \"distinct\"."),
            };
            if (fields[1].Length == 0 || fields[3].Length == 0 || fields[4].Length == 0)
            {
                throw new PairFileException($"{name}: line {number}: kind, a and b must not be empty.");
            }

            pairs.Add(new LabelledPair(fields[0], fields[1], duplicate, fields[3], fields[4]));
        }

        return pairs;
    }

    /// <summary>
    /// Builds the model over the stored corpus plus the file's texts (so the file's words have weights even on an
    /// empty database), then runs both stages on every pair. The file's texts have no times: time proximity is neutral.
    /// </summary>
    public static IReadOnlyList<KindFigures> Evaluate(
        IReadOnlyList<LabelledPair> pairs, IReadOnlyList<MatterDocument> storedCorpus, IEnumerable<Place> places,
        JiebaWordSegmenter segmenter, GroupingOptions options, NearDuplicateRules? nearDuplicateRules = null, ICollection<string>? wrong = null)
    {
        var (model, byText) = Learn(pairs, storedCorpus, places, segmenter, options);

        var results = new Dictionary<string, (string Label, int Pairs, int Near, int Same)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var pair in pairs)
        {
            var near = NearDuplicateProbe.IsNearDuplicate(pair.A, pair.B, nearDuplicateRules);
            var (fa, fb) = (byText[pair.A], byText[pair.B]);
            var score = MatterScorer.Score(fa, fb, model.Weights, options.SameMatter);
            var same = near || score.Score >= options.SameMatter.Threshold;
            var label = pair.Duplicate ? "dup" : "distinct";
            if (wrong is not null && (same != pair.Duplicate || near != pair.Duplicate && pair.Kind.StartsWith(NearDuplicateKindPrefix, StringComparison.Ordinal)))
            {
                // What the score saw of each text, so whoever reads the list can tell a missing place from a missing problem.
                static string Seen(MatterFeatures f) => $"[places {string.Join(',', f.Places)}{(f.KindPlaces.Length > 0 ? " kind:" + string.Join(',', f.KindPlaces) : "")}; mentions {string.Join(',', f.Mentions)}; problems {string.Join(',', f.Categories)}]";
                var reasons = string.Join(',', score.Reasons.Select(r => $"{r.Kind}:{r.Value}"));
                wrong.Add($"{pair.Id}\t{pair.Kind}\t{label}\tnear={near}\tscore={score.Score:F2} {reasons}\t{pair.A} {Seen(fa)}\t{pair.B} {Seen(fb)}");
            }

            if (!results.TryGetValue(pair.Kind, out var r))
            {
                order.Add(pair.Kind);
                r = (label, 0, 0, 0);
            }

            results[pair.Kind] = (r.Label == label ? label : "mixed", r.Pairs + 1, r.Near + (near ? 1 : 0), r.Same + (same ? 1 : 0));
        }

        return order.Select(k => new KindFigures(k, results[k].Label, results[k].Pairs, results[k].Near, results[k].Same)).ToList();
    }

    /// <summary>The model over the stored corpus plus the file's texts, and each text's features.</summary>
    private static (MatterModel Model, Dictionary<string, MatterFeatures> ByText) Learn(
        IReadOnlyList<LabelledPair> pairs, IReadOnlyList<MatterDocument> storedCorpus, IEnumerable<Place> places, JiebaWordSegmenter segmenter, GroupingOptions options)
    {
        var texts = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct(StringComparer.Ordinal).ToList();
        var fileDocuments = texts.Select((t, i) => new MatterDocument(-1 - i, string.Empty, t, null)).ToList();
        var (model, features) = MatterModel.Build([.. storedCorpus, .. fileDocuments], places, segmenter, options);
        var byText = new Dictionary<string, MatterFeatures>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            byText[texts[i]] = features[storedCorpus.Count + i];
        }

        return (model, byText);
    }

    /// <summary>
    /// Every pair of the file's reports, as the intake meets them: the reports the dup pairs join (directly or through
    /// another report) are one matter; each is compared with every other report, of its matter and of all the others,
    /// not only with the pairs the file lists. It says what an officer sees: how many reports are suggested with at least
    /// one other report of their matter, and how many are suggested with a report of another matter. All texts are taken
    /// as written at one time (the file has no times), which is harder than a window where time apart counts against.
    /// </summary>
    public static MatterFigures EvaluateMatters(
        IReadOnlyList<LabelledPair> pairs, IReadOnlyList<MatterDocument> storedCorpus, IEnumerable<Place> places,
        JiebaWordSegmenter segmenter, GroupingOptions options, NearDuplicateRules? nearDuplicateRules = null)
    {
        var matterOf = new Dictionary<string, string>(StringComparer.Ordinal);
        string Root(string text)
        {
            while (matterOf.TryGetValue(text, out var parent) && parent != text)
            {
                text = parent;
            }

            return text;
        }

        foreach (var pair in pairs.Where(p => p.Duplicate))
        {
            matterOf.TryAdd(pair.A, pair.A);
            matterOf.TryAdd(pair.B, pair.B);
            var (ra, rb) = (Root(pair.A), Root(pair.B));
            if (ra != rb)
            {
                matterOf[ra] = rb;
            }
        }

        var reports = matterOf.Keys.Select(t => (Text: t, Matter: Root(t))).ToList();
        var (model, byText) = Learn(pairs, storedCorpus, places, segmenter, options);
        var rules = nearDuplicateRules ?? NearDuplicateRules.Default;
        var fingerprints = reports.Select(r => TextFingerprint.Of(r.Text)).ToList();
        var (withinPairs, withinLinked, crossPairs, crossLinked) = (0, 0, 0, 0);
        var linked = new bool[reports.Count];
        var falselyLinked = new bool[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            for (var j = i + 1; j < reports.Count; j++)
            {
                var same = rules.Compare(fingerprints[i], fingerprints[j]).IsDuplicate
                    || MatterScorer.Value(byText[reports[i].Text], byText[reports[j].Text], model.Weights, options.SameMatter) >= options.SameMatter.Threshold;
                if (reports[i].Matter == reports[j].Matter)
                {
                    withinPairs++;
                    if (same)
                    {
                        withinLinked++;
                        linked[i] = linked[j] = true;
                    }
                }
                else
                {
                    crossPairs++;
                    if (same)
                    {
                        crossLinked++;
                        falselyLinked[i] = falselyLinked[j] = true;
                    }
                }
            }
        }

        return new MatterFigures(reports.Select(r => r.Matter).Distinct().Count(), reports.Count, withinPairs, withinLinked,
            linked.Count(x => x), crossPairs, crossLinked, falselyLinked.Count(x => x));
    }

    public static string Format(MatterFigures f)
    {
        static string Part(int n, int of) => string.Create(CultureInfo.InvariantCulture, $"{n}/{of} ({(of == 0 ? 0 : 100.0 * n / of):F2} %)");
        return $"every pair of {f.Reports} reports of {f.Matters} matters:\n"
            + $"  reports suggested with another of their matter  {Part(f.ReportsLinked, f.Reports)}   (pairs within a matter {Part(f.WithinLinked, f.WithinPairs)})\n"
            + $"  reports suggested with one of another matter   {Part(f.ReportsFalselyLinked, f.Reports)}   (pairs across matters {Part(f.CrossLinked, f.CrossPairs)})\n";
    }

    /// <summary>The table, then the one-line JSON the issue asks for.</summary>
    public static string Format(IReadOnlyList<KindFigures> figures)
    {
        var text = new StringBuilder();
        var width = Math.Max(12, figures.Count == 0 ? 0 : figures.Max(f => f.Kind.Length) + 2);
        text.Append("kind".PadRight(width)).Append("label".PadRight(10)).Append("pairs".PadLeft(6))
            .Append("nearDuplicate".PadLeft(15)).Append("sameMatter".PadLeft(12)).Append('\n');
        foreach (var f in figures)
        {
            text.Append(f.Kind.PadRight(width)).Append(f.Label.PadRight(10))
                .Append(f.Pairs.ToString(CultureInfo.InvariantCulture).PadLeft(6))
                .Append(f.NearDuplicate.ToString(CultureInfo.InvariantCulture).PadLeft(15))
                .Append(f.SameMatter.ToString(CultureInfo.InvariantCulture).PadLeft(12)).Append('\n');
        }

        var kinds = figures.ToDictionary(f => f.Kind, f => new { label = f.Label, pairs = f.Pairs, nearDuplicate = f.NearDuplicate, sameMatter = f.SameMatter });
        text.Append(JsonSerializer.Serialize(new { kinds }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        text.Append('\n');
        return text.ToString();
    }
}
