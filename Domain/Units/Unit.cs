namespace OpinionResponse.Domain.Units;

public enum UnitKind
{
    TownOffice,
    Department,
    Village,
    External,
}

/// <summary>A unit of the town (单位): the town office, its departments and villages, or an outside agency.</summary>
public sealed class Unit
{
    private Unit()
    {
        Code = Name = string.Empty;
    }

    public Unit(string code, string name, UnitKind kind, bool isOpinionOffice = false)
    {
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
