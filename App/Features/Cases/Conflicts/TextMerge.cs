namespace OpinionResponse.App.Features.Cases.Conflicts;

/// <summary>One text a case dialog edits, as its form holds it now.</summary>
/// <param name="Key">How the dialog finds the field again (its command property).</param>
/// <param name="Multiline">A paragraph, not a one-line field: a merge puts the two versions on separate lines.</param>
public sealed record EditedText(string Key, string Label, string Value, bool Multiline = true);

/// <summary>A text that both the user and someone else changed since the user loaded the case, to differing results.</summary>
public sealed record TextConflict(string Key, string Label, string Mine, string Theirs, bool Multiline);

/// <summary>The text to save for one field.</summary>
public sealed record ResolvedText(string Key, string Text);

/// <summary>What the user keeps of one conflicting text.</summary>
public enum ConflictChoice
{
    Mine,
    Theirs,
    Merge,
}

/// <param name="Settled">Fields that need no question: those only the user changed keep the user's text, those only the other person changed take theirs.</param>
/// <param name="Conflicts">Fields both changed differently: the user chooses.</param>
public sealed record MergeOutcome(IReadOnlyList<ResolvedText> Settled, IReadOnlyList<TextConflict> Conflicts);

/// <summary>
/// A three-way comparison per field of what the user loaded, what the user typed and what the case holds now. Only the
/// same text changed on both sides is a conflict: a comment or a state change by someone else (which also moves the
/// case's version) is not, and neither is someone else's change to a field this user left alone, which is kept.
/// </summary>
public static class TextMerge
{
    /// <param name="mine">The form's texts.</param>
    /// <param name="original">The texts as the user loaded them, by key; null when the case had none yet.</param>
    /// <param name="latest">The texts as the case holds them now, by key; null when it still has none.</param>
    public static MergeOutcome Compare(IReadOnlyList<EditedText> mine, IReadOnlyDictionary<string, string>? original,
        IReadOnlyDictionary<string, string>? latest)
    {
        var settled = new List<ResolvedText>();
        var conflicts = new List<TextConflict>();
        foreach (var field in mine)
        {
            var loaded = original?.GetValueOrDefault(field.Key) ?? string.Empty;
            var theirs = latest?.GetValueOrDefault(field.Key) ?? string.Empty;
            var theyChanged = !Same(theirs, loaded);
            var iChanged = !Same(field.Value, loaded);
            if (!theyChanged || Same(field.Value, theirs))
            {
                settled.Add(new ResolvedText(field.Key, field.Value));
            }
            else if (!iChanged)
            {
                settled.Add(new ResolvedText(field.Key, theirs));
            }
            else
            {
                conflicts.Add(new TextConflict(field.Key, field.Label, field.Value, theirs, field.Multiline));
            }
        }

        return new MergeOutcome(settled, conflicts);
    }

    /// <summary>The domain trims what it stores, and browsers send CR LF: neither is a change.</summary>
    public static bool Same(string? a, string? b) => Normalize(a) == Normalize(b);

    private static string Normalize(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
