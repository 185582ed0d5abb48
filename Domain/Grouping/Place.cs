namespace OpinionResponse.Domain.Grouping;

public enum PlaceKind
{
    Village,
    Estate,
    Road,
    School,
    Market,
    Hospital,
    Landmark,
    Other,
}

/// <summary>A place of the town in the gazetteer (villages, estates, roads, schools, markets), managed by Admins.</summary>
public sealed class Place
{
    private Place()
    {
        Name = Aliases = string.Empty;
    }

    public Place(string name, PlaceKind kind, IEnumerable<string>? aliases = null, int? unitId = null)
    {
        Name = name.Trim();
        Kind = kind;
        Aliases = string.Join('|', (aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0));
        UnitId = unitId;
    }

    public int Id { get; private set; }

    public string Name { get; set; }

    public PlaceKind Kind { get; set; }

    /// <summary>Other names of the place, separated by <c>|</c> (e.g. 滨江小区|滨江花园).</summary>
    public string Aliases { get; set; }

    /// <summary>The unit responsible for the place (属地管理), when known.</summary>
    public int? UnitId { get; set; }

    public IEnumerable<string> AllNames() =>
        new[] { Name }.Concat(Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
