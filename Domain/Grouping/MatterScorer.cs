namespace OpinionResponse.Domain.Grouping;

/// <summary>Kinds of reason, as stored in <see cref="ItemSuggestion.ReasonsJson"/>.</summary>
public static class ReasonKinds
{
    public const string NearDuplicate = "nearDuplicate";
    public const string Place = "place";
    public const string Problem = "problem";
    public const string Person = "person";
    public const string Organisation = "organisation";
    public const string Number = "number";
    public const string Date = "date";
    public const string Time = "time";
}

public sealed record MatterReason(string Kind, string Value);

public sealed record MatterScore(double Score, IReadOnlyList<MatterReason> Reasons);

/// <summary>The weights of the same-matter score and the threshold of a suggestion (config section "Grouping").</summary>
public sealed class MatterWeights
{
    /// <summary>A suggestion is written at or above this score.</summary>
    public double Threshold { get; set; } = 0.6;

    public double SamePlace { get; set; } = 0.4;

    /// <summary>Both texts name places and none is shared: counter-evidence.</summary>
    public double DifferentPlace { get; set; } = 0.35;

    public double SameProblem { get; set; } = 0.3;

    /// <summary>Both texts name problems and none is shared: counter-evidence.</summary>
    public double DifferentProblem { get; set; } = 0.3;

    /// <summary>Times the cosine of the IDF-weighted words (0..1).</summary>
    public double Words { get; set; } = 1.0;

    public double SamePerson { get; set; } = 0.15;

    public double SameOrganisation { get; set; } = 0.1;

    public double SameNumber { get; set; } = 0.1;

    public double SameDate { get; set; } = 0.1;

    /// <summary>Half-life of the time factor, in days: a week apart counts half as much as the same hour.</summary>
    public double TimeHalfLifeDays { get; set; } = 3;

    /// <summary>Within this many hours the reasons say "时间相近".</summary>
    public double CloseInTimeHours { get; set; } = 48;
}

/// <summary>
/// "Is this the same matter?" scored as a duty officer would compare two items: the same place, the same problem,
/// the same words (weighted by rarity), the same people, organisations, numbers and dates, close in time. Different
/// places or different problems count against. Pure and deterministic.
/// </summary>
public static class MatterScorer
{
    public static MatterScore Score(MatterFeatures a, MatterFeatures b, WordWeights idf, MatterWeights w)
    {
        var reasons = new List<MatterReason>(4);
        return new MatterScore(Compute(a, b, idf, w, reasons), reasons);
    }

    /// <summary>The score alone, allocating nothing: the index screens hundreds of candidates per item with it.</summary>
    public static double Value(MatterFeatures a, MatterFeatures b, WordWeights idf, MatterWeights w) => Compute(a, b, idf, w, null);

    private static double Compute(MatterFeatures a, MatterFeatures b, WordWeights idf, MatterWeights w, List<MatterReason>? reasons)
    {
        var score = 0.0;

        var sharedPlace = SharedPlace(a.Places, b.Places);
        if (PlaceMentions.Conflict(a.Mentions, b.Mentions)
            && (sharedPlace is null || PlaceMentions.Conflict(Apart(a.Mentions, a.Places, b.Places), Apart(b.Mentions, b.Places, a.Places))))
        {
            // Each names a place, a building or a bus line the other does not: two matters, however alike the words.
            return 0;
        }

        sharedPlace ??= PlaceMentions.Shared(a.Mentions, b.Mentions)
            ?? PlaceMentions.SharedByHead(a.Mentions, b.Heads) ?? PlaceMentions.SharedByHead(b.Mentions, a.Heads)
            ?? PlaceMentions.SharedByHead(a.Organisations, b.Heads, "") ?? PlaceMentions.SharedByHead(b.Organisations, a.Heads, "")
            ?? SharedByKind(a, b) ?? SharedByKind(b, a);
        if (sharedPlace is not null)
        {
            score += w.SamePlace;
            reasons?.Add(new(ReasonKinds.Place, sharedPlace));
        }
        else if (a.Places.Length > 0 && b.Places.Length > 0 || PlaceMentions.OtherSite(a.Places, b) || PlaceMentions.OtherSite(b.Places, a))
        {
            score -= w.DifferentPlace;
        }

        var sharedProblem = ProblemCategories.Shared(a.Categories, b.Categories);
        if (sharedProblem is not null)
        {
            // Each also names a problem the other does not (a clinic's bill and the touts at its gate both say 收费): the
            // shared one may be said in passing, so it counts half.
            score += ProblemCategories.EachNamesAnother(a.Categories, b.Categories) ? w.SameProblem / 2 : w.SameProblem;
        }
        else if (a.Categories.Length > 0 && b.Categories.Length > 0)
        {
            score -= w.DifferentProblem;
        }

        if (score < 0)
        {
            // Another place, or only another problem: not the same matter, whatever words they share (a copy of the same
            // text is stage 1's). Stopping here also keeps the index from scoring most of a busy key's candidates.
            return 0;
        }

        var (cosine, topWord) = SharesFrame(a, b, out var frame) ? CosineOutside(a, b, frame, idf) : Cosine(a, b, idf);
        score += w.Words * cosine;
        if (sharedProblem is not null || topWord is not null && cosine >= 0.2)
        {
            reasons?.Add(new(ReasonKinds.Problem, sharedProblem?.Replace(':', '·') ?? topWord!));
        }

        score += Shared(a.People, b.People, w.SamePerson, ReasonKinds.Person, reasons);
        score += Shared(a.Organisations, b.Organisations, w.SameOrganisation, ReasonKinds.Organisation, reasons);
        score += Shared(a.Numbers, b.Numbers, w.SameNumber, ReasonKinds.Number, reasons);
        score += Shared(a.Dates, b.Dates, w.SameDate, ReasonKinds.Date, reasons);

        if (a.At is { } ta && b.At is { } tb)
        {
            var apart = (ta - tb).Duration();
            score *= Math.Pow(0.5, apart.TotalDays / w.TimeHalfLifeDays);
            if (apart.TotalHours <= w.CloseInTimeHours)
            {
                reasons?.Add(new(ReasonKinds.Time, ((int)Math.Round(apart.TotalHours)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return Math.Clamp(score, 0, 1);
    }

    /// <summary>
    /// The mentions that are not another way of naming a place the two texts share in the gazetteer: 老街市场 and
    /// 北岸农贸市场 are one market when both texts name 老街 and the market, and must not veto each other as two places.
    /// </summary>
    private static string[] Apart(string[] mentions, string[] places, string[] otherPlaces)
    {
        bool Known(string name) => places.Any(p => PlaceMentions.OneInsideTheOther(name, p) && otherPlaces.Any(o => PlaceMentions.OneInsideTheOther(o, p)));

        return [.. mentions.Where(m => !m.StartsWith("n:", StringComparison.Ordinal) || !Known(m[2..]))];
    }

    /// <summary>The place one text names and the other says by its kind word alone (北岸文化广场 and 广场边上), or both by kind.</summary>
    private static string? SharedByKind(MatterFeatures a, MatterFeatures b) =>
        a.KindPlaces.Length == 0 ? null : FirstShared(a.KindPlaces, b.Places) ?? FirstShared(a.KindPlaces, b.KindPlaces);

    private static double Shared(string[] a, string[] b, double weight, string kind, List<MatterReason>? reasons)
    {
        var shared = FirstShared(a, b);
        if (shared is null)
        {
            return 0;
        }

        reasons?.Add(new(kind, shared));
        return weight;
    }

    /// <summary>The same place, or one inside the other by name (幸福路垃圾中转站 is on 幸福路, 滨江村沿江组 in 滨江村).</summary>
    private static string? SharedPlace(string[] a, string[] b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (PlaceMentions.OneInsideTheOther(x, y))
                {
                    // The one inside the other: where x holds y that is y, else x.
                    return x.Contains(y, StringComparison.Ordinal) ? y : x;
                }
            }
        }

        return null;
    }

    private static string? FirstShared(string[] a, string[] b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (string.Equals(x, y, StringComparison.Ordinal))
                {
                    return x;
                }
            }
        }

        return null;
    }

    private static (double Cosine, string? TopWord) Cosine(MatterFeatures a, MatterFeatures b, WordWeights idf)
    {
        var (small, large) = a.Words.Count <= b.Words.Count ? (a, b) : (b, a);
        double dot = 0, best = 0;
        string? top = null;
        foreach (var (word, count) in small.Words)
        {
            if (large.Words.TryGetValue(word, out var other))
            {
                var weight = idf.Idf(word);
                var product = count * other * weight * weight;
                dot += product;
                if (product > best)
                {
                    best = product;
                    top = word;
                }
            }
        }

        if (dot == 0)
        {
            return (0, null);
        }

        return (dot / Math.Sqrt(Norm(a, idf) * Norm(b, idf)), top);
    }

    /// <summary>The clauses the two share word for word (a template's sentences), when they share any.</summary>
    private static bool SharesFrame(MatterFeatures a, MatterFeatures b, out HashSet<int> frame)
    {
        frame = null!;
        if (a.Clauses.Length == 0 || b.Clauses.Length == 0)
        {
            return false;
        }

        foreach (var x in a.Clauses)
        {
            foreach (var y in b.Clauses)
            {
                if (x.Hash == y.Hash)
                {
                    (frame ??= []).Add(x.Hash);
                }
            }
        }

        return frame is not null;
    }

    /// <summary>
    /// The cosine of what the two say outside their shared frame: the words of the shared clauses are taken off both
    /// (rare: only pairs in one template come here, so the copies cost nothing on the common path).
    /// </summary>
    private static (double Cosine, string? TopWord) CosineOutside(MatterFeatures a, MatterFeatures b, HashSet<int> frame, WordWeights idf)
    {
        static Dictionary<string, int> Rest(MatterFeatures f, HashSet<int> frame)
        {
            var rest = new Dictionary<string, int>(f.Words, StringComparer.Ordinal);
            foreach (var clause in f.Clauses)
            {
                if (frame.Contains(clause.Hash))
                {
                    foreach (var word in clause.Words)
                    {
                        if (rest.TryGetValue(word, out var n))
                        {
                            if (n <= 1)
                            {
                                rest.Remove(word);
                            }
                            else
                            {
                                rest[word] = n - 1;
                            }
                        }
                    }
                }
            }

            return rest;
        }

        var (ra, rb) = (Rest(a, frame), Rest(b, frame));
        double dot = 0, best = 0, na = 0, nb = 0;
        string? top = null;
        foreach (var (word, count) in ra)
        {
            var weight = idf.Idf(word);
            na += count * weight * count * weight;
            if (rb.TryGetValue(word, out var other))
            {
                var product = count * other * weight * weight;
                dot += product;
                if (product > best)
                {
                    best = product;
                    top = word;
                }
            }
        }

        foreach (var (word, count) in rb)
        {
            var weight = idf.Idf(word);
            nb += count * weight * count * weight;
        }

        return dot == 0 ? (0, null) : (dot / Math.Sqrt(na * nb), top);
    }

    private static double Norm(MatterFeatures f, WordWeights idf)
    {
        if (f.NormGeneration != idf.Generation)
        {
            var sum = 0.0;
            foreach (var (word, count) in f.Words)
            {
                var weight = count * idf.Idf(word);
                sum += weight * weight;
            }

            f.NormSquared = sum;
            f.NormGeneration = idf.Generation;
        }

        return f.NormSquared;
    }
}
