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

    public MatterModel? Model => Volatile.Read(ref _model);

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

    /// <summary>The earlier items scoring at or above the threshold, best first, at most <paramref name="take"/>.</summary>
    public IReadOnlyList<MatterCandidate> Find(MatterFeatures f, int take, DateTime? notBefore = null)
    {
        var model = Model ?? throw new InvalidOperationException("The same-matter index is not loaded yet.");
        var weights = options.SameMatter;
        var found = new List<(MatterFeatures Other, double Value)>();
        var seen = new HashSet<int> { f.ItemId };
        _gate.EnterReadLock();
        try
        {
            foreach (var key in Keys(f, model.Weights))
            {
                if (!_postings.TryGetValue(key, out var list))
                {
                    continue;
                }

                var stop = Math.Max(0, list.Count - options.MaxPostingsPerKey);
                for (var i = list.Count - 1; i >= stop; i--)
                {
                    var id = list[i];
                    if (!seen.Add(id) || !_items.TryGetValue(id, out var other) || other.At < notBefore)
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
        foreach (var place in f.Places)
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
