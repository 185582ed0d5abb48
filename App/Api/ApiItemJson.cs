using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using OpinionResponse.Domain.Items;

namespace OpinionResponse.App.Api;

/// <summary>
/// One item as a client posts it (camelCase JSON). The endpoints read the body field by field (<see cref="ApiItemReader"/>)
/// so that a wrong type is a per-field error too; this type documents the shape in the OpenAPI document.
/// </summary>
public sealed record ApiItemRequest
{
    /// <summary>The client's own id of the item (required, ≤ 200): the same id twice is stored once.</summary>
    public required string ExternalId { get; init; }

    /// <summary>
    /// A channel code (PortalSite, Forum, Weibo, WeChat, OnlineInquiry, Hotline, NewsComment, Newspaper, Television, Radio,
    /// ShortVideo, NewsApp, Other) or a platform's name (抖音 → ShortVideo, 今日头条 → NewsApp, 知乎 → Forum); a name the
    /// desk does not know is kept as the platform under Other. An unknown code (ASCII letters only) is refused.
    /// </summary>
    public string? Channel { get; init; }

    /// <summary>The platform's name (≤ 40), when the channel field holds a code: 抖音, 小红书, a vendor's own name.</summary>
    public string? Platform { get; init; }

    /// <summary>≤ 500 characters.</summary>
    public string? Title { get; init; }

    /// <summary>Required, ≤ 20,000 characters. Control characters other than tab and newline are refused.</summary>
    public required string Content { get; init; }

    public string? Url { get; init; }

    public string? Author { get; init; }

    /// <summary>ISO 8601 with an offset, e.g. 2026-11-27T08:30:00+08:00; returned with the same offset.</summary>
    public string? PublishedAt { get; init; }

    public ApiEngagement? Engagement { get; init; }

    /// <summary>Mainstream outlets that picked the item up.</summary>
    public IReadOnlyList<string>? MediaPickup { get; init; }

    public string? Location { get; init; }
}

/// <summary>Non-negative integers.</summary>
public sealed record ApiEngagement(long Views, long Shares, long Comments, long Likes);

/// <summary>The answer to a stored item: 201 <c>created</c> or 200 <c>existing</c> (the same external id sent before).</summary>
public sealed record ApiItemStored(int Id, string Status);

/// <summary>An item as stored, with the fields exactly as the client sent them.</summary>
public sealed record ApiItemView
{
    public int Id { get; init; }

    public string? ExternalId { get; init; }

    public string Channel { get; init; } = string.Empty;

    public string? Platform { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Content { get; init; } = string.Empty;

    public string? Url { get; init; }

    public string? Author { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public ApiEngagement Engagement { get; init; } = new(0, 0, 0, 0);

    public IReadOnlyList<string>? MediaPickup { get; init; }

    public string? Location { get; init; }

    public DateTime CollectedAt { get; init; }
}

/// <summary>The answer to a batch: counts, then one result per row in the order sent.</summary>
public sealed record ApiBatchResult(int Created, int Existing, int Invalid, int Failed, IReadOnlyList<ApiBatchRow> Results);

/// <param name="Status"><c>created</c>, <c>existing</c>, <c>invalid</c> (not stored; see errors) or <c>failed</c> (not stored: retry).</param>
/// <param name="Errors">Per field (camelCase), for invalid rows.</param>
public sealed record ApiBatchRow(int Index, string Status, int? Id = null, IDictionary<string, string[]>? Errors = null);

public static class ApiStatus
{
    public const string Created = "created";
    public const string Existing = "existing";
    public const string Invalid = "invalid";
    public const string Failed = "failed";
}

public static class ApiJson
{
    /// <summary>camelCase; Chinese text as is, not \u-escaped; absent fields left out.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ChannelCodes { get; } = string.Join(", ", Enum.GetNames<Channel>());
}
