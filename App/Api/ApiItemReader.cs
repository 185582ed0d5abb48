using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Intake;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Import;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Api;

/// <summary>The client posting items, as the key check found it.</summary>
public sealed record ApiCaller(int Id, string Name, bool AutoAttach)
{
    public string SourceKey => ItemSources.Api(Id);
}

/// <summary>
/// Reads one posted item field by field into an <see cref="ItemSubmission"/> and checks it with the one shared validator
/// (<see cref="SubmissionCheck"/>), so the API refuses exactly what every other channel refuses.
/// Errors are keyed by the JSON field (camelCase, <c>engagement.views</c>, <c>mediaPickup[2]</c>).
/// </summary>
public sealed partial class ApiItemReader(SubmissionCheck check, IStringLocalizer<SharedResource> l)
{
    private static readonly Dictionary<string, string> FieldOf = new()
    {
        [nameof(ItemSubmission.ExternalId)] = "externalId",
        [nameof(ItemSubmission.Channel)] = "channel",
        [nameof(ItemSubmission.Platform)] = "platform",
        [nameof(ItemSubmission.Title)] = "title",
        [nameof(ItemSubmission.Content)] = "content",
        [nameof(ItemSubmission.Url)] = "url",
        [nameof(ItemSubmission.Author)] = "author",
        [nameof(ItemSubmission.PublishedAt)] = "publishedAt",
        [nameof(ItemSubmission.Views)] = "engagement.views",
        [nameof(ItemSubmission.Shares)] = "engagement.shares",
        [nameof(ItemSubmission.Comments)] = "engagement.comments",
        [nameof(ItemSubmission.Likes)] = "engagement.likes",
        [nameof(ItemSubmission.MediaPickup)] = "mediaPickup",
        [nameof(ItemSubmission.Location)] = "location",
    };

    public async Task<(ValidSubmission? Submission, Dictionary<string, string[]> Errors)> ReadAsync(JsonElement json, ApiCaller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            Add(errors, "$", l["Api.MustBeObject"]);
            return (null, Flatten(errors));
        }

        var externalId = Text(json, "externalId", errors);
        if (string.IsNullOrWhiteSpace(externalId) && !errors.ContainsKey("externalId"))
        {
            Add(errors, "externalId", l["Validation.Required"].Value.Replace("{PropertyName}", l["Field.ExternalId"], StringComparison.Ordinal));
        }

        var channel = Channel.Other;
        var platform = Text(json, "platform", errors);
        if (Text(json, "channel", errors) is { } code)
        {
            // Codes by name only: Enum.TryParse would also take "2" or "Weibo,Forum".
            if (Enum.GetNames<Channel>().FirstOrDefault(n => string.Equals(n, code, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                channel = Enum.Parse<Channel>(name);
            }
            else if (ChannelNames.Resolve(code) is { } named && (named.Known || !AsciiWord().IsMatch(code)))
            {
                // A platform's or channel's name (抖音, 微博, a platform the desk does not know yet) is kept, not refused.
                channel = named.Channel;
                platform ??= named.Platform;
            }
            else
            {
                Add(errors, "channel", string.Format(CultureInfo.CurrentCulture, l["Api.UnknownChannel"], code, ApiJson.ChannelCodes));
            }
        }
        else if (Platforms.Find(platform) is { } known)
        {
            channel = known.Family;
        }

        DateTimeOffset? publishedAt = null;
        if (Text(json, "publishedAt", errors) is { } published)
        {
            if (IsoWithOffset().IsMatch(published)
                && DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                publishedAt = parsed;
            }
            else
            {
                Add(errors, "publishedAt", l["Api.PublishedAtFormat"]);
            }
        }

        long views = 0, shares = 0, comments = 0, likes = 0;
        if (json.TryGetProperty("engagement", out var engagement) && engagement.ValueKind != JsonValueKind.Null)
        {
            if (engagement.ValueKind == JsonValueKind.Object)
            {
                views = Count(engagement, "views", errors);
                shares = Count(engagement, "shares", errors);
                comments = Count(engagement, "comments", errors);
                likes = Count(engagement, "likes", errors);
            }
            else
            {
                Add(errors, "engagement", l["Api.MustBeObject"]);
            }
        }

        List<string>? outlets = null;
        if (json.TryGetProperty("mediaPickup", out var pickup) && pickup.ValueKind != JsonValueKind.Null)
        {
            if (pickup.ValueKind == JsonValueKind.Array && pickup.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            {
                outlets = pickup.EnumerateArray().Select((e, i) => Decoded(e, $"mediaPickup[{i}]", errors) ?? string.Empty).ToList();
            }
            else
            {
                Add(errors, "mediaPickup", l["Api.MustBeStringList"]);
            }
        }

        var submission = new ItemSubmission
        {
            ExternalId = externalId,
            Channel = channel,
            Platform = platform,
            Title = Text(json, "title", errors) ?? string.Empty,
            Content = Text(json, "content", errors) ?? string.Empty,
            Url = Text(json, "url", errors),
            Author = Text(json, "author", errors),
            PublishedAt = publishedAt,
            Views = views,
            Shares = shares,
            Comments = comments,
            Likes = likes,
            MediaPickup = outlets,
            Location = Text(json, "location", errors),
            CollectedBy = caller.Name,
            SourceKey = caller.SourceKey,
            AutoAttach = caller.AutoAttach,
        };

        var (valid, result) = await check.CheckAsync(submission, cancellationToken);
        foreach (var failure in result.Errors)
        {
            var field = JsonField(failure.PropertyName);
            // A field that could not be read already says why; the validator would only repeat it about the placeholder.
            if (!errors.ContainsKey(field))
            {
                Add(errors, field, failure.ErrorMessage);
            }
        }

        return errors.Count == 0 ? (valid, []) : (null, Flatten(errors));
    }

    /// <summary><c>MediaPickup[2]</c> → <c>mediaPickup[2]</c>; <c>Views</c> → <c>engagement.views</c>.</summary>
    public static string JsonField(string propertyName)
    {
        var bracket = propertyName.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? propertyName : propertyName[..bracket];
        var suffix = bracket < 0 ? string.Empty : propertyName[bracket..];
        return FieldOf.TryGetValue(name, out var field)
            ? field + suffix
            : JsonNamingPolicy.CamelCase.ConvertName(name) + suffix;
    }

    private string? Text(JsonElement json, string name, Dictionary<string, List<string>> errors)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return Decoded(value, name, errors);
        }

        Add(errors, name, l["Api.MustBeString"]);
        return null;
    }

    /// <summary>
    /// The string, or an error naming the field when it cannot be one: bytes that are not UTF-8 (a client sending GBK)
    /// or an escaped lone surrogate (\ud800) pass the JSON parser but not the decoding to text.
    /// </summary>
    private string? Decoded(JsonElement value, string field, Dictionary<string, List<string>> errors)
    {
        try
        {
            // The parser lets bytes that are not UTF-8 through and the decoding replaces them with U+FFFD: check the raw bytes.
            if (!System.Text.Unicode.Utf8.IsValid(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value)))
            {
                Add(errors, field, l["Api.NotUnicode"]);
                return null;
            }

            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            Add(errors, field, l["Api.NotUnicode"]);
            return null;
        }
    }

    private long Count(JsonElement json, string name, Dictionary<string, List<string>> errors)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) && count >= 0)
        {
            return count;
        }

        Add(errors, $"engagement.{name}", l["Api.MustBeCount"]);
        return 0;
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    private static Dictionary<string, string[]> Flatten(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>A code-like word (letters only, ASCII): a mistyped code such as "Weibbo" is refused, not taken for a platform.</summary>
    [GeneratedRegex("^[A-Za-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AsciiWord();

    /// <summary>An ISO 8601 date and time that ends in Z or ±hh:mm — a time without an offset is ambiguous.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoWithOffset();
}
