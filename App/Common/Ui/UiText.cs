using Microsoft.Extensions.Localization;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Common.Ui;

/// <summary>Enum values and times as the user reads them: resource keys <c>{Enum}.{Value}</c>, Beijing time.</summary>
public static class UiText
{
    private static readonly TimeZoneInfo Beijing = FindBeijing();

    public static string Of<TEnum>(this IStringLocalizer l, TEnum value) where TEnum : struct, Enum =>
        l[$"{ResourcePrefix(typeof(TEnum))}.{value}"];

    public static string Risk(this IStringLocalizer l, RiskLevel? level) => level is { } r ? l.Of(r) : l["Risk.None"];

    public static DateTime ToBeijing(this DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Beijing);

    /// <summary>2026-11-27 08:30 in Beijing time.</summary>
    public static string Beijing16(this DateTime utc) => utc.ToBeijing().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Beijing16(this DateTime? utc) => utc is { } t ? t.Beijing16() : "—";

    /// <summary>Relative time where recency matters: 3分钟前 / 3 min ago.</summary>
    public static string Ago(this IStringLocalizer l, DateTime utc, DateTime nowUtc)
    {
        var span = nowUtc - utc;
        return span.TotalMinutes < 1 ? l["Time.JustNow"]
            : span.TotalHours < 1 ? string.Format(l["Time.MinutesAgo"], (int)span.TotalMinutes)
            : span.TotalDays < 1 ? string.Format(l["Time.HoursAgo"], (int)span.TotalHours)
            : string.Format(l["Time.DaysAgo"], (int)span.TotalDays);
    }

    /// <summary>
    /// A time as a time field shows it: Beijing time, 24-hour, <c>2026-12-04 21:08</c> (the app's format, whatever the
    /// browser's language: the fields are text, not the browser's own date inputs, which follow its locale).
    /// </summary>
    public static string ToLocalInput(this DateTime utc) => utc.Beijing16();

    /// <summary>What a time field accepts: the format it shows, and the ISO form (with T) a pasted value may have.</summary>
    public static readonly string[] LocalInputFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>The hint a time field shows before anything is typed.</summary>
    public const string LocalInputExample = "2026-12-04 21:08";

    /// <summary>A time the user entered in Beijing time, as UTC.</summary>
    public static DateTime FromBeijing(this DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Beijing);

    private static string ResourcePrefix(Type type) => type.Name switch
    {
        nameof(CaseState) => "State",
        nameof(CaseTrigger) => "Trigger",
        nameof(RiskLevel) => "Risk",
        nameof(OpinionTrend) => "Trend",
        nameof(CaseTaskStatus) => "TaskStatus",
        _ => type.Name,
    };

    private static TimeZoneInfo FindBeijing()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "Beijing", "Beijing");
        }
    }
}
