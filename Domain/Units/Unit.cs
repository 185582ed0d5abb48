namespace OpinionResponse.Domain.Units;

public enum UnitKind
{
    TownOffice,
    Department,
    Village,
    External,
}

/// <summary>What an outside unit is to the desk, where that matters: a rumour goes to the police and the internet information office.</summary>
public enum UnitAgency
{
    None = 0,

    /// <summary>公安派出所.</summary>
    Police = 1,

    /// <summary>网信办 (internet information office).</summary>
    Cyberspace = 2,
}

/// <summary>A unit of the town (单位): the town office, its departments and villages, or an outside agency.</summary>
public sealed class Unit
{
    private Unit()
    {
        Code = Name = string.Empty;
    }

    public Unit(string code, string name, UnitKind kind, bool isOpinionOffice = false, UnitAgency agency = UnitAgency.None)
    {
        Agency = agency;
        Code = code;
        Name = name;
        Kind = kind;
        IsOpinionOffice = isOpinionOffice;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public UnitKind Kind { get; private set; }

    /// <summary>The town's opinion office: its members see the cases of every unit.</summary>
    public bool IsOpinionOffice { get; private set; }

    /// <summary>Which agency an outside unit is (the rumour hand-off's defaults), so no code matches unit names.</summary>
    public UnitAgency Agency { get; private set; }

    public void SetAgency(UnitAgency agency) => Agency = agency;

    /// <summary>
    /// A deactivated unit keeps its cases and history but takes no new members. Units are never deleted: cases, tasks
    /// and the audit log refer to them.
    /// </summary>
    public DateTime? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public void Rename(string name) => Name = name;

    public void Deactivate(DateTime now) => DeactivatedAt ??= now;

    public void Activate() => DeactivatedAt = null;
}
