using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Infrastructure.Audit;
using Xunit;
using static OpinionResponse.Tests.Intake.Api.ApiJsonHelpers;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>SECURITY.md U1 for the API: one audit row per request that stores, naming the key's client, the counts and the IP.</summary>
public sealed class ApiAuditTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task A_single_item_and_a_batch_each_leave_one_row_naming_the_client_with_counts_and_ip()
    {
        var name = $"audit-{Guid.NewGuid():N}"[..20];
        var (_, key) = await server.NewClientAsync(name);
        using var http = server.Client(key);
        long last;
        await using (var db = await server.App.CreateDbContextAsync())
        {
            last = await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
        }

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/items", Json(Item()))).StatusCode);
        var batch = new JsonArray(Item(), Item(), new JsonObject { ["channel"] = "Weibo" });
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/v1/items/batch", Json(batch))).StatusCode);

        await using var check = await server.App.CreateDbContextAsync();
        var rows = await check.AuditEntries.AsNoTracking().Where(a => a.Id > last).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [("IntakeApi.PostItem", $"api:{name}", "127.0.0.1"), ("IntakeApi.PostBatch", $"api:{name}", "127.0.0.1")],
            rows.Select(a => (a.Action, a.UserName!, a.Ip!)));
        Assert.All(rows, a => Assert.Equal((AuditOutcome.Succeeded, "Item"), (a.Outcome, a.ObjectType)));
        Assert.StartsWith("{\"submitted\":1,\"created\":1}", rows[0].Detail, StringComparison.Ordinal);
        Assert.Equal("{\"submitted\":2,\"created\":2} {\"invalid\":1}", rows[1].Detail);
    }
}
