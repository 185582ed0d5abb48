using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Infrastructure.Seed;
using Xunit;
using static OpinionResponse.Tests.Intake.Api.ApiJsonHelpers;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>
/// The same post sent again with new counts (a crawler's next pass): the item takes the new counts and the history is kept,
/// so the score sees the growth and the case page draws the curve.
/// </summary>
public sealed class EngagementHistoryTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task An_item_seen_again_with_new_counts_updates_them_and_keeps_every_observation()
    {
        var (_, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var externalId = $"wb-{Guid.NewGuid():N}";

        var id = (await (await http.PostAsync("/api/v1/items", Json(Item(externalId, Counts(1_000, 10))))).ReadObjectAsync())["id"]!.GetValue<int>();
        var again = await http.PostAsync("/api/v1/items", Json(Item(externalId, Counts(50_000, 400))));
        await http.PostAsync("/api/v1/items", Json(Item(externalId, Counts(50_000, 400))));
        await http.PostAsync("/api/v1/items", Json(Item(externalId)));
        await http.PostAsync("/api/v1/items", Json(Item(externalId, Counts(90_000, 900))));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var db = await server.App.CreateDbContextAsync();
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.Id == id);
        Assert.Equal((90_000L, 900L), (item.Views, item.Shares));
        var history = await db.EngagementObservations.AsNoTracking().Where(o => o.ItemId == id).OrderBy(o => o.Id)
            .Select(o => new { o.Views, o.Shares }).ToListAsync();
        Assert.Equal([(1_000L, 10L), (50_000L, 400L), (90_000L, 900L)], history.Select(o => (o.Views, o.Shares)));
    }

    [Fact]
    public async Task A_batch_of_posts_seen_again_updates_each_of_them()
    {
        var (_, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var ids = Enumerable.Range(0, 3).Select(_ => $"wb-{Guid.NewGuid():N}").ToList();
        await http.PostAsync("/api/v1/items/batch", Json(new JsonArray(ids.Select(e => (JsonNode)Item(e, Counts(100, 1))).ToArray())));

        var response = await http.PostAsync("/api/v1/items/batch",
            Json(new JsonArray(ids.Select((e, n) => (JsonNode)Item(e, Counts(1_000 * (n + 1), 10 * (n + 1)))).ToArray())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await server.App.CreateDbContextAsync();
        var items = await db.Items.AsNoTracking().Where(i => ids.Contains(i.ExternalId!)).ToListAsync();
        Assert.Equal([1_000L, 2_000L, 3_000L], ids.Select(e => items.Single(i => i.ExternalId == e).Views));
        var itemIds = items.Select(i => i.Id).ToList();
        Assert.Equal(6, await db.EngagementObservations.CountAsync(o => itemIds.Contains(o.ItemId)));
    }

    [Fact]
    public async Task The_case_shows_the_curve_and_scores_the_growth()
    {
        var (_, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var externalId = $"wb-{Guid.NewGuid():N}";
        var id = (await (await http.PostAsync("/api/v1/items", Json(Item(externalId, Counts(100_000, 0))))).ReadObjectAsync())["id"]!.GetValue<int>();
        var caseId = await server.App.SendAsync(DemoAccounts.Duty, new OpenCaseFromItem.Command
        {
            ItemId = id,
            Title = "滨江小区停水",
            Summary = "网民反映停水",
            ResponsibleUnitId = (await UnitAsync(DemoAccounts.TownOffice)),
        });
        await http.PostAsync("/api/v1/items", Json(Item(externalId, Counts(100_000, 6_000))));

        var detail = await server.App.SendAsync(DemoAccounts.Duty, new GetCaseDetail.Query(caseId));

        Assert.Equal([1_000L, 7_000L], detail.Engagement.Select(p => p.Engagement));
        var growth = Assert.Single(detail.Score.Parts, p => p.Criterion == "growth");
        Assert.Equal((12, "互动量 1000 → 7000"), (growth.Points, growth.Reason));
    }

    private async Task<int> UnitAsync(string code)
    {
        await using var db = await server.App.CreateDbContextAsync();
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    private static Action<JsonObject> Counts(long views, long shares) =>
        i => i["engagement"] = new JsonObject { ["views"] = views, ["shares"] = shares, ["comments"] = 0, ["likes"] = 0 };
}
