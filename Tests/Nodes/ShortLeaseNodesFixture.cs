using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Leases;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Nodes;

/// <summary>
/// Two app processes on PostgreSQL and Redis, as a multi-node desk is deployed, with every timing of the work done once
/// shortened so that a test sees it happen: leases of <see cref="LeaseSeconds"/> s, a clock round every second, feeds
/// looked at every second, presence heartbeats every second and a silent node's viewers dropped after
/// <see cref="PresenceExpiry"/>, and a case's assessment due <see cref="AssessmentDue"/> after it opens (a clock policy
/// version saved before the nodes start). Tests may kill or stop a node; they start a new one in its place
/// (<see cref="TwoNodesFixture.ReplaceAsync"/>) so the next test has two again.
/// </summary>
public sealed partial class ShortLeaseNodesFixture : TwoNodesFixture
{
    public const int LeaseSeconds = 9;

    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(LeaseSeconds);

    public static readonly TimeSpan AssessmentDue = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan PresenceExpiry = TimeSpan.FromSeconds(4);

    protected override bool CanStart => base.CanStart && TestDatabase.IsPostgreSql;

    protected override void Tune(Dictionary<string, string> settings)
    {
        settings["Leases:Seconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture);
        settings["Clocks:WatchEverySeconds"] = "1";
        settings["Feeds:Enabled"] = "true";
        settings["Feeds:PollEverySeconds"] = "1";
        settings["Feeds:AllowedHosts:0"] = "127.0.0.1";
        settings["Live:PresenceHeartbeat"] = "00:00:01";
        settings["Live:PresenceExpiry"] = PresenceExpiry.ToString("c", CultureInfo.InvariantCulture);
    }

    protected override async Task PreparedAsync()
    {
        await using var db = await DbAsync();
        var version = (await db.ClockPolicyVersions.MaxAsync(v => (int?)v.Version) ?? 0) + 1;
        var tester = Actor.Create("test", "测试", [Role.Admin], []);
        db.ClockPolicyVersions.Add(ClockPolicyVersion.Create(version, SlaPolicy.Default with { Assessment = AssessmentDue }, tester, DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>The node's readiness report (from loopback: with the detail).</summary>
    public static async Task<JsonNode> ReadinessAsync(NodeProcess node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        return (await http.GetFromJsonAsync<JsonNode>("/health/ready"))!;
    }

    /// <summary>The leases check of the node's readiness: its node id, what it holds, and each lease's holder as it reads it.</summary>
    public static async Task<LeasesSeen> LeasesSeenByAsync(NodeProcess node)
    {
        var check = (await ReadinessAsync(node))["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "leases")!;
        var data = check["data"]!.AsObject();
        var holders = data.Where(p => p.Key.StartsWith("lease:", StringComparison.Ordinal))
            .ToDictionary(p => p.Key["lease:".Length..], p => HolderOf(p.Value!.GetValue<string>()));
        var holds = data["holds"]!.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        return new LeasesSeen(data["node"]!.GetValue<string>(), holds, holders);
    }

    /// <summary>"node until 2026-… (token 3)" → node; "free (last …)" → null.</summary>
    private static string? HolderOf(string text) => text.StartsWith("free", StringComparison.Ordinal) ? null : text[..text.IndexOf(" until ", StringComparison.Ordinal)];

    /// <summary>The lease rows as stored now.</summary>
    public async Task<List<Lease>> LeasesAsync()
    {
        await using var db = await DbAsync();
        return await db.Leases.AsNoTracking().ToListAsync();
    }

    /// <summary>This node's clock rounds so far (its own metric; a node that never ran one has none yet).</summary>
    public static async Task<long> ClockRoundsAsync(NodeProcess node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync("/metrics");
        return RoundsLine().Matches(text).Sum(m => (long)double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^opinion_clocks_rounds_total(?:\{[^}]*\})? ([0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex RoundsLine();
}

/// <param name="Node">The node's lease identity.</param>
/// <param name="Holds">The leases it says it holds.</param>
/// <param name="Holders">Every lease's holder as this node reads the table (null: free).</param>
public sealed record LeasesSeen(string Node, IReadOnlySet<string> Holds, IReadOnlyDictionary<string, string?> Holders);

[CollectionDefinition(Name)]
public sealed class ShortLeaseNodesCollection : ICollectionFixture<ShortLeaseNodesFixture>
{
    public const string Name = "short-lease-nodes";
}

/// <summary>Skipped, with the reason, unless the tests run on PostgreSQL with redis-server installed.</summary>
public sealed class PostgreSqlNodesFactAttribute : FactAttribute
{
    public PostgreSqlNodesFactAttribute()
    {
        if (RedisServer.Executable is null)
        {
            Skip = RedisServer.NotInstalled;
        }
        else if (!TestDatabase.IsPostgreSql)
        {
            Skip = "Several app processes run on PostgreSQL: this runs in ./test.sh's PostgreSQL run (or with OR_TEST_DATABASE=PostgreSql "
                + "and OR_TEST_POSTGRES set)";
        }
    }
}
