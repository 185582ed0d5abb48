namespace OpinionResponse.Domain.Common;

public enum Role
{
    DutyOfficer,
    Analyst,
    SectionChief,
    UnitHead,
    PressOfficer,
    Supervisor,
    Admin,
}

/// <summary>
/// Who is acting: the signed-in user as the domain sees them. <see cref="SpansAllUnits"/> is true for members of the
/// town's opinion office and for Supervisors (DESIGN §1): they see every case.
/// </summary>
public sealed record Actor(string UserId, string DisplayName, IReadOnlySet<Role> Roles, IReadOnlySet<int> UnitIds, bool SpansAllUnits)
{
    public bool Has(Role role) => Roles.Contains(role);

    public bool HasAny(IEnumerable<Role> roles) => roles.Any(Roles.Contains);

    public bool BelongsTo(int unitId) => UnitIds.Contains(unitId);

    public static Actor Create(string userId, string displayName, IEnumerable<Role> roles, IEnumerable<int> unitIds, bool spansAllUnits = false) =>
        new(userId, displayName, roles.ToHashSet(), unitIds.ToHashSet(), spansAllUnits);
}
