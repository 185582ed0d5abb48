namespace OpinionResponse.Domain.Grouping;

/// <summary>One name (the place's own or an alias) and the place it stands for.</summary>
/// <param name="Short">A short form people say (锦绣 for 锦绣家园, 一中 for 北岸一中): it counts only where a word that
/// follows names a place (锦绣7栋, 锦绣的物业, 一中门口), since 阳光 alone is sunshine and 阳光房 a conservatory.</param>
/// <param name="Bare">A bare kind word (广场, 中学, 医院) standing for the town's only place of that kind: it counts only
/// where no name stands before it (那个广场, 镇医院 — not 万达广场, 县医院).</param>
public sealed record GazetteerEntry(string Name, string Canonical, PlaceKind Kind, int? UnitId, bool Short = false, bool Bare = false);

/// <summary>A place found in a text: the words as written and the place's own name.</summary>
/// <param name="ByKind">Said by its kind word alone (<see cref="GazetteerEntry.Bare"/>): the likeliest place, not a certain one.</param>
public sealed record PlaceMatch(string Text, string Canonical, int Start, bool ByKind = false);

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

    public static Gazetteer From(IEnumerable<Place> places)
    {
        var list = places.ToList();
        var entries = list.SelectMany(p => p.AllNames().Select(n => new GazetteerEntry(n, p.Name, p.Kind, p.UnitId))).ToList();
        return new(entries.Concat(ShortForms(list, entries)).Concat(BareKinds(entries)));
    }

    // What people call a place by its kind alone (去广场, 卫生院门口, 镇医院, 车站那边): each group of words that say one
    // kind, with the endings of the names of the places they can stand for.
    private static readonly (string[] Words, string[] Endings)[] BareKindWords =
    [
        (["广场"], ["广场"]), (["公园"], ["公园"]), (["中学"], ["中学", "一中"]), (["小学"], ["小学"]), (["幼儿园"], ["幼儿园"]),
        (["医院", "卫生院"], ["卫生院", "医院"]), (["车站", "汽车站", "客运站"], ["汽车站", "客运站"]),
        (["菜场", "菜市场", "农贸市场"], ["市场", "菜场"]), (["渡口"], ["渡口"]), (["码头"], ["码头"]), (["大桥"], ["大桥"]),
        (["派出所"], ["派出所"]), (["敬老院", "养老院"], ["敬老院", "养老院"]), (["工业园"], ["工业园", "工业园区"]),
        (["供电所"], ["供电所"]), (["污水处理厂"], ["污水处理厂"]),
    ];

    /// <summary>
    /// The kind words that stand for one place: in a town with one square, 广场 is that square; with two primary schools,
    /// 小学 is neither. A kind word that is already a place's name or alias is that entry's.
    /// </summary>
    private static IEnumerable<GazetteerEntry> BareKinds(List<GazetteerEntry> entries)
    {
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (words, endings) in BareKindWords)
        {
            var places = entries.Where(e => e.Kind != PlaceKind.Road && endings.Any(end => e.Name.EndsWith(end, StringComparison.Ordinal)))
                .DistinctBy(e => e.Canonical).Take(2).ToList();
            if (places.Count != 1)
            {
                continue;
            }

            foreach (var word in words.Where(w => !names.Contains(w)))
            {
                yield return places[0] with { Name = word, Bare = true };
            }
        }
    }

    // What a place's name ends with when it says what kind of place it is; the rest is what people call it (锦绣家园 = 锦绣).
    // Roads are left whole: 幸福 is no road.
    private static readonly string[] KindWords =
    [
        "花园小区", "家园小区", "小区", "花园", "家园", "新村", "新苑", "苑", "公寓", "村", "中学", "小学", "幼儿园", "卫生院", "医院",
        "市场", "菜市场", "集市", "公园", "广场", "工业园", "园区", "渡口", "汽车站", "客运站", "大桥",
    ];

    // Words that follow a short form when it names the place: 锦绣的物业, 一中门口, 翠湖顶楼, 桂香二期, 锦绣7栋.
    private static readonly string[] PlaceFollowers =
    [
        "的", "门口", "大门", "后门", "前门", "南门", "北门", "东门", "西门", "侧门", "整个", "小区", "那边", "这边", "那里", "附近", "旁边",
        "边上", "里面", "顶楼", "楼顶", "地库", "车库", "业主", "物业", "一期", "二期", "三期", "四期", "学生", "老师", "校门", "村里", "村口",
        "那", "这", "有", "又",
    ];

    /// <summary>
    /// Short forms of the places' names, each kept only when it stands for one place and is no other place's name: the
    /// name without its kind word (锦绣家园 → 锦绣; 滨江 is three places and is left out), and without the town's own name
    /// that most places begin with (北岸一中 → 一中; a bare kind word such as 大桥 is left out).
    /// </summary>
    private static IEnumerable<GazetteerEntry> ShortForms(List<Place> places, List<GazetteerEntry> entries)
    {
        var town = TownPrefix(places);
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var forms = new Dictionary<string, GazetteerEntry>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Kind != PlaceKind.Road))
        {
            foreach (var form in Shortened(entry.Name, town))
            {
                if (form.Length < 2 || names.Contains(form) || KindWords.Contains(form) || town is not null && town.StartsWith(form, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!forms.TryAdd(form, entry) && forms[form].Canonical != entry.Canonical)
                {
                    ambiguous.Add(form);
                }
            }
        }

        foreach (var (form, entry) in forms)
        {
            if (!ambiguous.Contains(form))
            {
                yield return entry with { Name = form, Short = true };
            }
        }
    }

    /// <summary>The name without its kind word, and, when it begins with the town's name, without that and with and without its kind word.</summary>
    private static IEnumerable<string> Shortened(string name, string? town)
    {
        if (WithoutKind(name) is { } bare)
        {
            yield return bare;
        }

        if (town is not null && name.StartsWith(town, StringComparison.Ordinal))
        {
            var local = name[town.Length..].TrimStart('镇');
            yield return local;
            if (WithoutKind(local) is { } localBare)
            {
                yield return localBare;
            }
        }
    }

    private static string? WithoutKind(string name)
    {
        var kind = KindWords.Where(k => name.EndsWith(k, StringComparison.Ordinal)).MaxBy(k => k.Length);
        return kind is not null && name.Length > kind.Length ? name[..^kind.Length] : null;
    }

    /// <summary>The two characters a quarter or more of the places' names begin with (北岸: 北岸中学, 北岸大桥 …), if any.</summary>
    private static string? TownPrefix(List<Place> places)
    {
        var prefix = places.Where(p => p.Name.Length > 3).GroupBy(p => p.Name[..2]).MaxBy(g => g.Count());
        return prefix is not null && prefix.Count() >= 3 && prefix.Count() * 4 >= places.Count ? prefix.Key : null;
    }

    /// <summary>The place a whole name stands for (a short form too), or null.</summary>
    public string? CanonicalOf(string folded) => _byName.TryGetValue(folded, out var entry) ? entry.Canonical : null;

    /// <summary>The place a name or alias stands for as written in full (no short form, no bare kind word), or null.</summary>
    public string? CanonicalOfFullName(string folded) =>
        _byName.TryGetValue(folded, out var entry) && !entry.Short && !entry.Bare ? entry.Canonical : null;

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
                    if (_lookup.TryGetValue(span.Slice(i, length), out var entry)
                        && (!entry.Short || FollowedByPlaceWord(span[(i + length)..]))
                        && (!entry.Bare || StandsAlone(span, i, length)))
                    {
                        found.Add(new PlaceMatch(entry.Name, entry.Canonical, i, entry.Bare));
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

    // What stands before a bare kind word when it names the town's own place: a pause, a verb or a pointing word (去广场,
    // 那个广场, 在卫生院), the town's 镇 (镇医院). Any other character may end a name (万达广场, 县医院).
    private const string BeforeKindWord = "的在到从往去那这个边旁前后镇里上对近和与跟及或是了说找送回进出把被让给就都也还又";

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    // A kind word names the place only where it stands alone: after a word of that list (or no CJK character at all), and
    // not as part of another word (中学生 and 小学生 are pupils, 车站牌 a sign).
    private static bool StandsAlone(ReadOnlySpan<char> text, int start, int length) =>
        (start == 0 || !IsCjk(text[start - 1]) || BeforeKindWord.Contains(text[start - 1], StringComparison.Ordinal))
        && (start + length == text.Length || text[start + length] is not ('生' or '牌' or '式' or '化'));

    private static bool FollowedByPlaceWord(ReadOnlySpan<char> rest)
    {
        if (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
        {
            return true;
        }

        foreach (var follower in PlaceFollowers)
        {
            if (rest.StartsWith(follower, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
