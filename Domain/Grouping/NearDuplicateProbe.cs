using OpinionResponse.Domain.Similarity;

namespace OpinionResponse.Domain.Grouping;

/// <summary>
/// The one place the grouping code calls the near-duplicate stage (Domain/Similarity), so a change of its
/// fingerprint or rules is one line here.
/// </summary>
public static class NearDuplicateProbe
{
    public static bool IsNearDuplicate(string a, string b, NearDuplicateRules? rules = null) =>
        (rules ?? NearDuplicateRules.Default).Compare(TextFingerprint.Of(a), TextFingerprint.Of(b)).IsDuplicate;
}
