using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpinionResponse.Tests.Support;
using Xunit;
using static OpinionResponse.Tests.Intake.Api.ApiJsonHelpers;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>
/// The ingested-item handlers (near-duplicate and same-matter stages) far behind the writer: the writer goes on at its
/// own pace, and once the handlers move again they get every committed item, once each, in commit order.
/// </summary>
public sealed class HandlerCatchUpTests(ShortHandOffApiServer server) : IClassFixture<ShortHandOffApiServer>
{
    [Fact]
    public async Task Handlers_a_queue_full_behind_do_not_slow_the_writer_and_miss_no_item()
    {
        var (_, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        server.Gate.Close();
        var ids = new List<int>();
        try
        {
            ids.Add(await PostAsync(http));
            await server.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(10));

            // One batch fits in the hand-off queue; the writer used to wait for room for the next, so these timed out.
            for (var i = 0; i < 30; i++)
            {
                ids.Add(await PostAsync(http).WaitAsync(TimeSpan.FromSeconds(10)));
            }
        }
        finally
        {
            server.Gate.Open();
        }

        // And after them, items of a submission of many.
        var batch = await http.PostAsync("/api/v1/items/batch", Json(new JsonArray(Enumerable.Range(0, 20).Select(_ => (JsonNode)Item()).ToArray())));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var body = await batch.Content.ReadFromJsonAsync<JsonObject>();
        ids.AddRange(body!["results"]!.AsArray().Select(r => r!["id"]!.GetValue<int>()));

        await Eventually.HoldsAsync(() => server.Gate.Seen.Count(ids.Contains) >= ids.Count);
        var seen = server.Gate.Seen.Where(ids.Contains).ToList();
        Assert.Equal(ids.Order(), seen); // each once, in commit order
    }

    private static async Task<int> PostAsync(HttpClient http)
    {
        var answer = await http.PostAsync("/api/v1/items", Json(Item()));
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
    }
}
