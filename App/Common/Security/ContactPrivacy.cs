using System.Text.RegularExpressions;
using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Common.Security;

/// <summary>
/// One rule for the phone number of the person who raised an item, whatever its channel: masked (138****1234) for
/// everyone, shown whole to the roles that call people back. Those are the duty officer, who takes and returns hotline
/// calls around the clock, and the section chief, who closes a case with the feedback given to the person who raised it
/// (policy 二（四）: 受理、转办、反馈; the 分管领导 is the direct responsible person, reachable around the clock). The others
/// see that a number exists, never the number. Applied in the queries, so no page can show more.
/// </summary>
public static partial class ContactPrivacy
{
    public static readonly IReadOnlySet<Role> CallBackRoles = new HashSet<Role> { Role.DutyOfficer, Role.SectionChief };

    public static bool SeesFullNumbers(Actor actor) => actor.HasAny(CallBackRoles);

    /// <summary>The contact as <paramref name="actor"/> may see it.</summary>
    public static string? For(Actor actor, string? contact) => SeesFullNumbers(actor) ? contact : Mask(contact);

    /// <summary>
    /// Every run of 7 or more digits (a mobile or a landline number, a separator or two allowed) keeps its first three and
    /// last four digits, the middle masked; a shorter number keeps only its last four. Other text (a name) stays.
    /// </summary>
    public static string? Mask(string? contact) =>
        string.IsNullOrEmpty(contact) ? contact : PhoneNumber().Replace(contact, m =>
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length < 7)
            {
                return m.Value;
            }

            return digits.Length >= 11
                ? digits[..3] + new string('*', digits.Length - 7) + digits[^4..]
                : new string('*', digits.Length - 4) + digits[^4..];
        });

    [GeneratedRegex(@"\+?\d[\d\- ]{5,}\d")]
    private static partial Regex PhoneNumber();
}
