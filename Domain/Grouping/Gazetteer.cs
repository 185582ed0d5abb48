namespace OpinionResponse.Domain.Grouping;

/// <summary>One name (the place's own or an alias) and the place it stands for.</summary>
public sealed record GazetteerEntry(string Name, string Canonical, PlaceKind Kind, int? UnitId);

/// <summary>A place found in a text: the words as written and the place's own name.</summary>
public sealed record PlaceMatch(string Text, string Canonical, int Start);

/// <summary>
/// The town's places, matched longest first: "滨江小区" is the estate even though "滨江" starts 滨江村 too, and an
/// alias ("滨江花园小区") stands for its place's own name.
/// </summary>
public sealed class Gazetteer
{
    private readonly Dictionary<string, GazetteerEntry> _byName;
    private readonly Dictionary<string, GazetteerEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly HashSet<char> _firstChars;
    private readonly int _maxLength;
    private readonly int _minLength;

    public Gazetteer(IEnumerable<GazetteerEntry> entries)
    {
        _byName = new Dictionary<string, GazetteerEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var key = MatterText.Fold(entry.Name);
            if (key.Length >= 2)
            {
                _byName.TryAdd(key, entry with { Name = key });
            }
        }

        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstChars = _byName.Keys.Select(k => k[0]).ToHashSet();
        _maxLength = _byName.Count == 0 ? 0 : _byName.Keys.Max(k => k.Length);
        _minLength = _byName.Count == 0 ? 0 : _byName.Keys.Min(k => k.Length);
    }

    public static Gazetteer Empty { get; } = new([]);

    public static Gazetteer From(IEnumerable<Place> places) =>
        new(places.SelectMany(p => p.AllNames().Select(n => new GazetteerEntry(n, p.Name, p.Kind, p.UnitId))));

    public int Count => _byName.Count;

    /// <summary>Every name the matcher knows (for the segmenter's user dictionary).</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Leftmost-longest matches in folded text; matches do not overlap.</summary>
    public IReadOnlyList<PlaceMatch> Match(string folded)
    {
        var found = new List<PlaceMatch>();
        var span = folded.AsSpan();
        var i = 0;
        while (i <= span.Length - _minLength && _maxLength > 0)
        {
            if (_firstChars.Contains(span[i]))
            {
                var matched = false;
                for (var length = Math.Min(_maxLength, span.Length - i); length >= _minLength; length--)
                {
                    if (_lookup.TryGetValue(span.Slice(i, length), out var entry))
                    {
                        found.Add(new PlaceMatch(entry.Name, entry.Canonical, i));
                        i += length;
                        matched = true;
                        break;
                    }
                }

                if (matched)
                {
                    continue;
                }
            }

            i++;
        }

        return found;
    }
}
