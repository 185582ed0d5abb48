using System.Globalization;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Domain.Clocks;

namespace OpinionResponse.App.Common.Clocks;

/// <summary>A clock alert's stored detail ("Response 2026-12-04T13:00:00Z v2") as the reader's words: 回应时限 · 应于 2026-12-04 21:00 前（第 2 版时限）.</summary>
public static class ClockText
{
    public static string Notice(IStringLocalizer l, string? detail)
    {
        var parts = (detail ?? string.Empty).Split(' ');
        if (parts.Length != 3 || !Enum.TryParse<ClockKind>(parts[0], out var kind)
            || !DateTime.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var due))
        {
            return detail ?? string.Empty;
        }

        return string.Format(CultureInfo.CurrentCulture, l["ClockAlert.Notice"], l[$"Clock.{kind}"], due.Beijing16(), parts[2].TrimStart('v'));
    }
}
