using OpinionResponse.Domain.Grouping;

namespace OpinionResponse.Infrastructure.Grouping;

/// <summary>A candidate found for an item: the earlier item's features and the score with its reasons.</summary>
public sealed record MatterCandidate(MatterFeatures Other, MatterScore Score);

/// <summary>
/// The recent items' features in memory, with an inverted index on place, problem category and rare words, so an
/// item is scored against the few hundred items it could be about instead of the whole window. Postings are in
/// arrival order and only the newest <see cref="GroupingOptions.MaxPostingsPerKey"/> of a key are read, which bounds
/// the cost per item whatever the window holds.
/// </summary>
public sealed class SameMatterIndex(GroupingOptions options)
{
    private readonly ReaderWriterLockSlim _gate = new();
    private Dictionary<int, MatterFeatures> _items = [];
    private Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);
    private MatterModel? _model;

    private long _scored;

    public MatterModel? Model => Volatile.Read(ref _model);

    /// <summary>Candidates scored by <see cref="Find"/> since start (what the benchmark reports per item).</summary>
    public long CandidatesScored => Interlocked.Read(ref _scored);

    public int Count
    {
        get
        {
            _gate.EnterReadLock();
            try
            {
                return _items.Count;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    /// <summary>Replaces the whole content (start-up load, periodic recount).</summary>
    public void Reset(MatterModel model, IEnumerable<MatterFeatures> features)
    {
        var items = new Dictionary<int, MatterFeatures>();
        foreach (var f in features)
        {
            items[f.ItemId] = f;
        }

        var postings = Postings(items.Values, model.Weights);

        _gate.EnterWriteLock();
        try
        {
            _items = items;
            _postings = postings;
            Volatile.Write(ref _model, model);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void Add(MatterFeatures f)
    {
        var model = Model ?? throw new InvalidOperationException("The same-matter index is not loaded yet.");
        _gate.EnterWriteLock();
        try
        {
            if (!_items.TryAdd(f.ItemId, f))
            {
                return;
            }

            Post(_postings, f, model.Weights);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// The earlier items scoring at or above the threshold, best first, at most <paramref name="take"/>. Only the
    /// <see cref="GroupingOptions.MaxCandidates"/> items that share the most with it are scored: each key the two share
    /// counts by what it adds to the score (place, problem, word) and by its rarity (a place or word few items name weighs
    /// more than a problem category thousands share), newer first among equals. Scoring every item behind every key — a busy place and a common problem bring several hundred
    /// — was most of the stage's cost, and the items it ranks low share only the commonest keys with it, so they score
    /// below those it keeps.
    /// </summary>
    public IReadOnlyList<MatterCandidate> Find(MatterFeatures f, int take, DateTime? notBefore = null)
    {
        var model = Model ?? throw new InvalidOperationException("The same-matter index is not loaded yet.");
        var weights = options.SameMatter;
        var found = new List<(MatterFeatures Other, double Value)>();
        _gate.EnterReadLock();
        try
        {
            var candidates = RankedCandidates(f, model.Weights);
            Interlocked.Add(ref _scored, candidates.Count);
            foreach (var id in candidates)
            {
                if (!_items.TryGetValue(id, out var other) || other.At < notBefore)
                {
                    continue;
                }

                var value = MatterScorer.Value(f, other, model.Weights, weights);
                if (value >= weights.Threshold)
                {
                    found.Add((other, value));
                }
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }

        // The reasons are worded only for the few that are kept.
        return found.OrderByDescending(c => c.Value).ThenByDescending(c => c.Other.ItemId).Take(take)
            .Select(c => new MatterCandidate(c.Other, MatterScorer.Score(f, c.Other, model.Weights, weights))).ToList();
    }

    /// <summary>
    /// The ids behind the item's keys (the newest <see cref="GroupingOptions.MaxPostingsPerKey"/> of each), ranked by the
    /// keys they share with it — each by its kind's weight times its rarity, log(1 + items / items under the key) — and by
    /// how far apart in time they are (as the score is), then newer first; the first
    /// <see cref="GroupingOptions.MaxCandidates"/>. Called under the read lock.
    /// </summary>
    private List<int> RankedCandidates(MatterFeatures f, WordWeights idf)
    {
        var shared = new Dictionary<int, double>();
        var documents = Math.Max(_items.Count, 1);
        foreach (var key in Keys(f, idf))
        {
            if (!_postings.TryGetValue(key, out var list))
            {
                continue;
            }

            // What sharing the key is worth in the score (a place more than a problem, a problem more than one word), times
            // its rarity: a place and a problem shared outrank one rare word, which outranks a busy problem alone.
            var rarity = KeyWeight(key) * Math.Log(1.0 + (double)documents / list.Count);
            var stop = Math.Max(0, list.Count - options.MaxPostingsPerKey);
            for (var i = list.Count - 1; i >= stop; i--)
            {
                var id = list[i];
                if (id != f.ItemId)
                {
                    ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(shared, id, out _);
                    sum += rarity;
                }
            }
        }

        if (options.MaxCandidates <= 0 || shared.Count <= options.MaxCandidates)
        {
            return [.. shared.Keys];
        }

        // Apart in time counts as in the score: an item's id follows its arrival, not its publication time.
        var halfLife = options.SameMatter.TimeHalfLifeDays;
        var ranked = new (double Sum, int Id)[shared.Count];
        var n = 0;
        foreach (var (id, sum) in shared)
        {
            var value = sum;
            if (_items.TryGetValue(id, out var other))
            {
                if (f.At is { } at && other.At is { } otherAt)
                {
                    value *= Math.Pow(0.5, Math.Abs((at - otherAt).TotalDays) / halfLife);
                }

                // Both name places and share none by name: the score's veto, most likely (a place inside another by
                // name, or one spelled one character apart, can still be shared, so only ranked low).
                if (f.Places.Length > 0 && other.Places.Length > 0 && !ShareAny(f.Places, other.Places) && !ShareAny(f.Mentions, other.Mentions))
                {
                    value *= OtherPlaceFactor;
                }

                // Both name problems and share none, by the score's own rule (two kinds of one broad problem share none):
                // the score's other veto (before the words, which can outweigh it).
                if (f.Categories.Length > 0 && other.Categories.Length > 0 && ProblemCategories.Shared(f.Categories, other.Categories) is null)
                {
                    value *= OtherPlaceFactor;
                }
            }

            ranked[n++] = (value, id);
        }

        Array.Sort(ranked, static (x, y) => y.Sum.CompareTo(x.Sum) is var c && c != 0 ? c : y.Id.CompareTo(x.Id));
        return [.. ranked.Take(options.MaxCandidates).Select(r => r.Id)];
    }

    /// <summary>
    /// Recounts the word weights over the items in memory when the index has grown to more than twice the items they
    /// were counted on (at least <paramref name="minimumGrowth"/> more). Weights counted on a handful of items — a new
    /// desk, or the first minutes of a flood — make every word look rare, so every common word becomes an index key and
    /// each new item is scored against the full postings of all of them. The hourly recount also relearns boilerplate;
    /// this one only needs the features already held (no segmentation), so it is cheap enough to run during a burst.
    /// Returns whether it recounted.
    /// </summary>
    public bool ReweighIfGrown(int minimumGrowth = 100)
    {
        var model = Model;
        if (model is null)
        {
            return false;
        }

        List<MatterFeatures> features;
        _gate.EnterReadLock();
        try
        {
            if (_items.Count < 2 * model.Weights.Documents + minimumGrowth)
            {
                return false;
            }

            features = [.. _items.Values];
        }
        finally
        {
            _gate.ExitReadLock();
        }

        var reweighed = model.Reweighed(features);
        var postings = Postings(features, reweighed.Weights);
        _gate.EnterWriteLock();
        try
        {
            // A full rebuild swapped in meanwhile wins; items added meanwhile are posted under the new weights too.
            if (!ReferenceEquals(_model, model))
            {
                return false;
            }

            if (_items.Count > features.Count)
            {
                // Added after the snapshot, so later than every item in it: appended, the lists stay in arrival order.
                var counted = features.Select(f => f.ItemId).ToHashSet();
                foreach (var f in _items.Values.Where(f => !counted.Contains(f.ItemId)).OrderBy(f => f.ItemId))
                {
                    Post(postings, f, reweighed.Weights);
                }
            }

            _postings = postings;
            Volatile.Write(ref _model, reweighed);
            return true;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    private double KeyWeight(string key) => key[0] switch
    {
        'p' or 'm' => options.SameMatter.SamePlace,
        'c' => options.SameMatter.SameProblem,
        _ => WordKeyWeight,
    };

    private static bool ShareAny(string[] a, string[] b)
    {
        foreach (var x in a)
        {
            if (Array.IndexOf(b, x) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>In the ranking of candidates, one that names another place or another problem than the item.</summary>
    private const double OtherPlaceFactor = 0.2;

    /// <summary>A shared rare word in the ranking of candidates: about what one such word adds to the word cosine.</summary>
    private const double WordKeyWeight = 0.15;

    /// <summary>Forgets items that left the window.</summary>
    public void Prune(DateTime notBefore)
    {
        _gate.EnterWriteLock();
        try
        {
            var gone = _items.Values.Where(f => f.At < notBefore).Select(f => f.ItemId).ToHashSet();
            if (gone.Count == 0)
            {
                return;
            }

            foreach (var id in gone)
            {
                _items.Remove(id);
            }

            foreach (var list in _postings.Values)
            {
                list.RemoveAll(gone.Contains);
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>The postings of <paramref name="features"/>, each list in arrival (id) order.</summary>
    private Dictionary<string, List<int>> Postings(IEnumerable<MatterFeatures> features, WordWeights weights)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var f in features.OrderBy(f => f.ItemId))
        {
            Post(postings, f, weights);
        }

        return postings;
    }

    /// <summary>Appends the item to the postings of each of its keys.</summary>
    private void Post(Dictionary<string, List<int>> postings, MatterFeatures f, WordWeights weights)
    {
        foreach (var key in Keys(f, weights))
        {
            if (!postings.TryGetValue(key, out var list))
            {
                postings[key] = list = [];
            }

            list.Add(f.ItemId);
        }
    }

    /// <summary>
    /// Index keys: every place (the gazetteer's, and those named by their form: a name's words are not among the item's
    /// words, so they would bring no candidate as rare words) and problem category, and the item's rarest words (a word in
    /// more than 1% of the window is no key: it would only bring noise candidates).
    /// </summary>
    internal IEnumerable<string> Keys(MatterFeatures f, WordWeights idf)
    {
        // A place said by its kind word alone (广场) is keyed only when the item names no place outright: it is then the
        // item's one clue to where, and otherwise it would add a busy place's postings to items that name their own.
        foreach (var place in f.Places.Length > 0 ? f.Places : f.KindPlaces)
        {
            yield return "p:" + place;
        }

        foreach (var mention in f.Mentions)
        {
            // A part (3栋) is in every estate; a name the gazetteer knows is already a place key.
            if (!mention.StartsWith("part:", StringComparison.Ordinal) && Array.IndexOf(f.Places, mention[2..]) < 0)
            {
                yield return "m:" + mention;
            }

            // The short name people say of it (桂香 of 桂香苑) meets another item's head (桂香二期).
            if (mention.StartsWith("n:", StringComparison.Ordinal) && mention.Length > 4)
            {
                yield return "h:" + mention.Substring(2, 2);
            }
        }

        foreach (var head in f.Heads)
        {
            yield return "h:" + head;
        }

        foreach (var category in f.Categories)
        {
            yield return "c:" + category;
        }

        var rareIdf = Math.Log((idf.Documents + 1.0) / (0.01 * idf.Documents + 1.0)) + 1.0;
        foreach (var word in f.Words.Where(w => idf.Idf(w.Key) >= rareIdf)
                     .OrderByDescending(w => w.Value * idf.Idf(w.Key)).ThenBy(w => w.Key, StringComparer.Ordinal)
                     .Take(options.KeyWords))
        {
            yield return "w:" + word.Key;
        }
    }
}
