using FluentValidation;
using Microsoft.Extensions.Localization;

namespace OpinionResponse.App.Common.Mediation;

public static class ValidationRules
{
    /// <summary>Control characters other than tab and newline are refused in user text (they break logs and exports).</summary>
    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> l) =>
        rule.Must(text => text is null || !text.Any(ch => char.IsControl(ch) && ch is not ('\t' or '\n' or '\r')))
            .WithMessage(_ => l["Validation.ControlCharacters"]);

    /// <summary>An absolute http(s) address: links users open and feeds the server fetches (no javascript:, file: …).</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// Commands carry UTC times (the forms convert from Beijing time). A time without a kind is taken as UTC, never as
    /// the server's local time.
    /// </summary>
    public static DateTime AsUtc(this DateTime time) =>
        time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
}
