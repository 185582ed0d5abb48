namespace OpinionResponse.App.Features.Units;

/// <summary>Why a change to a unit was refused; the UI shows <c>Error.{code}</c>.</summary>
public static class UnitErrors
{
    public const string CodeTaken = "unit.code_taken";
    public const string HasMembers = "unit.has_members";
    public const string OpinionOffice = "unit.opinion_office";
}
