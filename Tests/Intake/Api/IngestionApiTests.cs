using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Cli;
using OpinionResponse.App.Features.Intake;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;
using static OpinionResponse.Tests.Intake.Api.ApiJsonHelpers;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>The ingestion API over real HTTP: what a crawler, the hotline system or a vendor sees.</summary>
public sealed class IngestionApiTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task A_new_item_answers_201_with_its_id_and_GET_returns_it_exactly_as_sent()
    {
        var (clientId, key) = await server.NewClientAsync("hotline-12345");
        using var http = server.Client(key);
        var item = Item("wb-1001", i =>
        {
            i["url"] = "https://weibo.example/1001";
            i["author"] = "滨江居民";
            i["publishedAt"] = "2026-11-27T08:30:15.25+08:00";
            i["engagement"] = new JsonObject { ["views"] = 12000, ["shares"] = 340, ["comments"] = 56, ["likes"] = 7 };
            i["mediaPickup"] = new JsonArray("澎湃新闻", "新京报");
            i["location"] = "滨江小区三期";
            i["content"] = "  第一行\n\t第二行\n";
            i["title"] = " 滨江小区停水 ";
        });

        var response = await http.PostAsync("/api/v1/items", Json(item));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var id = body["id"]!.GetValue<int>();
        Assert.Equal("created", body["status"]!.GetValue<string>());
        Assert.Equal($"/api/v1/items/{id}", response.Headers.Location!.OriginalString);

        var got = await (await http.GetAsync($"/api/v1/items/{id}")).ReadObjectAsync();
        Assert.Equal(id, got["id"]!.GetValue<int>());
        foreach (var field in new[] { "externalId", "channel", "title", "content", "url", "author", "publishedAt", "location" })
        {
            Assert.Equal(item[field]!.GetValue<string>(), got[field]!.GetValue<string>());
        }

        Assert.True(JsonNode.DeepEquals(item["engagement"], got["engagement"]), got["engagement"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(item["mediaPickup"], got["mediaPickup"]), got["mediaPickup"]!.ToJsonString());

        await using var db = await server.App.CreateDbContextAsync();
        var stored = await db.Items.SingleAsync(i => i.Id == id);
        Assert.Equal(ItemSources.Api(clientId), stored.SourceKey);
        Assert.Equal("hotline-12345", stored.CollectedBy);
        Assert.Equal(new DateTime(2026, 11, 27, 0, 30, 15, 250, DateTimeKind.Utc), stored.PublishedAt);
        Assert.NotEqual(0, stored.Fingerprint);
        Assert.Equal(TriageStatus.New, stored.Status);
        if (!TestDatabase.IsPostgreSql)
        {
            // SQLite keeps times as text: written in EF's own text format, so SQL ordering and comparison of times agree
            // with rows EF wrote (PostgreSQL has a timestamp type).
            var raw = await db.Database.SqlQuery<string>($"SELECT CollectedAt || '|' || PublishedAt || '|' || Channel || '|' || Status AS Value FROM Items WHERE Id = {id}").SingleAsync();
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,7})?\|2026-11-27 00:30:15\.25\|Weibo\|New$", raw);
        }
    }

    [Theory]
    [InlineData("抖音", null, "ShortVideo", "抖音")]
    [InlineData("B站", null, "ShortVideo", "哔哩哔哩")]
    [InlineData("douyin", null, "ShortVideo", "抖音")]
    [InlineData("今日头条", null, "NewsApp", "今日头条")]
    [InlineData("某某社区直播", null, "Other", "某某社区直播")]
    [InlineData(null, "小红书", "Forum", "小红书")]
    [InlineData("Weibo", "新浪微博", "Weibo", "新浪微博")]
    public async Task A_platform_named_by_a_client_is_kept_with_its_channel_family(string? channel, string? platform, string storedChannel, string storedPlatform)
    {
        var (_, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var item = Item($"pf-{Guid.NewGuid():N}", i =>
        {
            i["channel"] = channel;
            i["platform"] = platform;
        });

        var response = await http.PostAsync("/api/v1/items", Json(item));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var got = await (await http.GetAsync(response.Headers.Location!.OriginalString)).ReadObjectAsync();
        Assert.Equal((storedChannel, storedPlatform), (got["channel"]!.GetValue<string>(), got["platform"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_same_external_id_twice_is_stored_once_and_answers_200_with_the_same_id()
    {
        var (_, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var item = Item();

        var first = await http.PostAsync("/api/v1/items", Json(item));
        item["content"] = "重发时内容略有不同";
        var second = await http.PostAsync("/api/v1/items", Json(item));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = (await first.ReadObjectAsync())["id"]!.GetValue<int>();
        var again = await second.ReadObjectAsync();
        Assert.Equal(id, again["id"]!.GetValue<int>());
        Assert.Equal("existing", again["status"]!.GetValue<string>());
        await using var db = await server.App.CreateDbContextAsync();
        var externalId = item["externalId"]!.GetValue<string>();
        Assert.Equal(1, await db.Items.CountAsync(i => i.ExternalId == externalId));
    }

    [Fact]
    public async Task Two_clients_may_use_the_same_external_id_and_neither_reads_the_others_item()
    {
        var (_, keyA) = await server.NewClientAsync();
        var (_, keyB) = await server.NewClientAsync();
        using var a = server.Client(keyA);
        using var b = server.Client(keyB);

        var fromA = await a.PostAsync("/api/v1/items", Json(Item("shared-id")));
        var fromB = await b.PostAsync("/api/v1/items", Json(Item("shared-id")));

        Assert.Equal(HttpStatusCode.Created, fromA.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fromB.StatusCode);
        var idA = (await fromA.ReadObjectAsync())["id"]!.GetValue<int>();
        var idB = (await fromB.ReadObjectAsync())["id"]!.GetValue<int>();
        Assert.NotEqual(idA, idB);
        var foreign = await b.GetAsync($"/api/v1/items/{idA}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync("/api/v1/items/999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/api/v1/items/{idA}")).StatusCode);
    }

    public static TheoryData<string, string> InvalidItems() => new()
    {
        { """{"channel":"Weibo","content":"内容"}""", "externalId" },
        { """{"externalId":"x1","channel":"Weibo","content":""}""", "content" },
        { """{"externalId":"x2","channel":"Weibo"}""", "content" },
        { """{"externalId":"x3","channel":"Blog","content":"内容"}""", "channel" },
        { """{"externalId":"x4","channel":2,"content":"内容"}""", "channel" },
        { $$"""{"externalId":"x5","title":"{{new string('标', 501)}}","content":"内容"}""", "title" },
        { $$"""{"externalId":"x6","content":"{{new string('字', 20_001)}}"}""", "content" },
        { $$"""{"externalId":"{{new string('e', 201)}}","content":"内容"}""", "externalId" },
        { """{"externalId":"x7","content":"响铃\u0007字符"}""", "content" },
        { """{"externalId":"x8","title":"转义\u001b[31m","content":"内容"}""", "title" },
        { """{"externalId":"x9","content":"内容","author":"作者\u0000"}""", "author" },
        { """{"externalId":"x10","content":"内容","publishedAt":"2026-11-27T08:30:00"}""", "publishedAt" },
        { """{"externalId":"x11","content":"内容","publishedAt":"昨天"}""", "publishedAt" },
        { """{"externalId":"x12","content":"内容","engagement":{"views":-1}}""", "engagement.views" },
        { """{"externalId":"x13","content":"内容","engagement":{"shares":"很多"}}""", "engagement.shares" },
        { """{"externalId":"x14","content":"内容","engagement":{"likes":1.5}}""", "engagement.likes" },
        { """{"externalId":"x15","content":"内容","mediaPickup":"新华社"}""", "mediaPickup" },
        { """{"externalId":"x16","content":"内容","mediaPickup":["新华社","报\u0007社"]}""", "mediaPickup[1]" },
        { """{"externalId":"x17","content":"内容","url":"javascript:alert(1)"}""", "url" },
        { """{"externalId":"x18","content":"内容","location":42}""", "location" },
        { """[{"externalId":"x19","content":"内容"}]""", "$" },
        { """{"externalId":"x20","content":""", "$" },
        { """{"externalId":"x21","content":"内容\ud800后半"}""", "content" },
        { """{"externalId":"x22","content":"内容","mediaPickup":["新华社","报\udc00社"]}""", "mediaPickup[1]" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task An_invalid_item_answers_400_naming_exactly_the_field_and_nothing_is_stored(string json, string field)
    {
        var (clientId, key) = await server.NewClientAsync();
        using var http = server.Client(key);

        var response = await http.PostAsync("/api/v1/items", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadObjectAsync();
        var errors = problem["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key).ToArray());
        Assert.Contains(errors[field]!.AsArray(), m => m!.GetValue<string>().Length > 0);
        await using var db = await server.App.CreateDbContextAsync();
        var source = ItemSources.Api(clientId);
        Assert.False(await db.Items.AnyAsync(i => i.SourceKey == source));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_answer_400_naming_the_field()
    {
        var (clientId, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        // A title in GBK, as a client that never converted its text would send it. (A very short GBK text can happen to
        // be valid UTF-8 — 停水 is CD A3 CB AE, which is U+0363 U+02EE — and no decoder can tell it apart; a sentence is not.)
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GBK").GetBytes("滨江小区停水两天");
        Assert.False(System.Text.Unicode.Utf8.IsValid(gbk));
        byte[] body = [.. System.Text.Encoding.UTF8.GetBytes("{\"externalId\":\"gbk-1\",\"title\":\""), .. gbk,
            .. System.Text.Encoding.UTF8.GetBytes("\",\"content\":\"内容\"}")];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await http.PostAsync("/api/v1/items", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["title"], (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).ToArray());
        await using var db = await server.App.CreateDbContextAsync();
        var source = ItemSources.Api(clientId);
        Assert.False(await db.Items.AnyAsync(i => i.SourceKey == source));
    }

    [Fact]
    public async Task Field_errors_are_in_Chinese_by_default_and_in_English_when_asked()
    {
        var (_, key) = await server.NewClientAsync();
        using var zh = server.Client(key);
        using var en = server.Client(key, "en-US,en;q=0.9");
        var item = Item(change: i => i["content"] = "响铃\u0007");

        var chinese = await (await zh.PostAsync("/api/v1/items", Json(item))).ReadObjectAsync();
        var english = await (await en.PostAsync("/api/v1/items", Json(item))).ReadObjectAsync();

        Assert.Contains("控制字符", chinese["errors"]!["content"]![0]!.GetValue<string>());
        Assert.Contains("control characters", english["errors"]!["content"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_or_unknown_key_answers_401()
    {
        using var none = server.Client(null);
        using var wrong = server.Client("or_not-a-key-anyone-was-given");

        var missing = await none.PostAsync("/api/v1/items", Json(Item()));
        var unknown = await wrong.PostAsync("/api/v1/items", Json(Item()));
        var unknownGet = await wrong.GetAsync("/api/v1/items/1");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownGet.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Contains("X-Api-Key", missing.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_key_revoked_mid_way_is_refused_403_from_its_next_request_on()
    {
        var (clientId, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var before = await http.PostAsync("/api/v1/items", Json(Item()));
        var id = (await before.ReadObjectAsync())["id"]!.GetValue<int>();

        await server.App.SendAsync(DemoAccounts.Admin, new RevokeApiKey.Command(clientId));
        var post = await http.PostAsync("/api/v1/items", Json(Item()));
        var get = await http.GetAsync($"/api/v1/items/{id}");

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType!.MediaType);
        await using var db = await server.App.CreateDbContextAsync();
        var source = ItemSources.Api(clientId);
        Assert.Equal(1, await db.Items.CountAsync(i => i.SourceKey == source));
    }

    [Fact]
    public async Task The_apikey_command_prints_a_working_key_once_and_revokes_it_by_name()
    {
        var name = $"cli-{Guid.NewGuid():N}"[..16];
        var command = new ApiKeyCommand();
        var output = new StringWriter();
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await command.RunAsync(scope.ServiceProvider, ["create", name], output, CancellationToken.None));
        }

        var key = output.ToString().Trim();
        Assert.StartsWith("or_", key);
        using var http = server.Client(key);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/items", Json(Item()))).StatusCode);

        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var list = new StringWriter();
            Assert.Equal(0, await command.RunAsync(scope.ServiceProvider, ["list"], list, CancellationToken.None));
            Assert.Contains(name, list.ToString());
            Assert.DoesNotContain(key, list.ToString());
            Assert.Equal(0, await command.RunAsync(scope.ServiceProvider, ["revoke", name], new StringWriter(), CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync("/api/v1/items", Json(Item()))).StatusCode);
        await using var db = await server.App.CreateDbContextAsync();
        var client = await db.ApiClients.SingleAsync(c => c.Name == name);
        Assert.DoesNotContain(key, client.KeyHash);
        Assert.StartsWith(client.KeyPrefix, key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_and_nothing_is_stored()
    {
        var (clientId, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var item = Item(change: i => i["content"] = new string('长', 100_000));

        var response = await http.PostAsync("/api/v1/items", Json(item));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        await using var db = await server.App.CreateDbContextAsync();
        var source = ItemSources.Api(clientId);
        Assert.False(await db.Items.AnyAsync(i => i.SourceKey == source));
    }

    [Fact]
    public async Task A_batch_stores_the_valid_rows_and_reports_the_invalid_ones_row_by_row()
    {
        var (clientId, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var earlier = await http.PostAsync("/api/v1/items", Json(Item("batch-sent-before")));
        var earlierId = (await earlier.ReadObjectAsync())["id"]!.GetValue<int>();
        var rows = new JsonArray(
            Item("batch-1"),
            Item("batch-2", i => i["title"] = "标题\u0007"),
            Item("batch-sent-before"),
            Item("batch-3", i => i.Remove("content")),
            Item("batch-4"),
            Item("batch-1"));

        var response = await http.PostAsync("/api/v1/items/batch", Json(rows));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal(2, body["created"]!.GetValue<int>());
        Assert.Equal(2, body["existing"]!.GetValue<int>());
        Assert.Equal(2, body["invalid"]!.GetValue<int>());
        Assert.Equal(0, body["failed"]!.GetValue<int>());
        var results = body["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Select(r => r["index"]!.GetValue<int>()));
        Assert.Equal(["created", "invalid", "existing", "invalid", "created", "existing"], results.Select(r => r["status"]!.GetValue<string>()));
        Assert.Equal(["title"], results[1]["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["content"], results[3]["errors"]!.AsObject().Select(e => e.Key));
        Assert.Null(results[1]["id"]);
        Assert.Equal(earlierId, results[2]["id"]!.GetValue<int>());
        Assert.Equal(results[0]["id"]!.GetValue<int>(), results[5]["id"]!.GetValue<int>());

        await using var db = await server.App.CreateDbContextAsync();
        var source = ItemSources.Api(clientId);
        var stored = await db.Items.Where(i => i.SourceKey == source).Select(i => i.ExternalId).ToListAsync();
        Assert.Equal(["batch-1", "batch-4", "batch-sent-before"], stored.Order());
    }

    [Fact]
    public async Task A_batch_over_1000_items_or_not_an_array_is_refused_whole()
    {
        var (clientId, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var tooMany = new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode)Item($"many-{i}")).ToArray());

        var many = await http.PostAsync("/api/v1/items/batch", Json(tooMany));
        var notArray = await http.PostAsync("/api/v1/items/batch", Json(Item()));

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
        Assert.Equal("application/problem+json", many.Content.Headers.ContentType!.MediaType);
        await using var db = await server.App.CreateDbContextAsync();
        var source = ItemSources.Api(clientId);
        Assert.False(await db.Items.AnyAsync(i => i.SourceKey == source));
    }

    [Fact]
    public async Task A_batch_of_1000_is_committed_as_one_live_event()
    {
        var (_, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        var events = new List<ItemsChanged>();
        var hub = server.App.Services.GetRequiredService<ILiveEventHub>();
        using var subscription = hub.Subscribe<ItemsChanged>(e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            return ValueTask.CompletedTask;
        });
        var rows = new JsonArray(Enumerable.Range(0, 1000).Select(i => (JsonNode)Item($"live-{Guid.NewGuid():N}")).ToArray());

        var response = await http.PostAsync("/api/v1/items/batch", Json(rows));

        var body = await response.ReadObjectAsync();
        Assert.Equal(1000, body["created"]!.GetValue<int>());
        var ids = body["results"]!.AsArray().Select(r => r!["id"]!.GetValue<int>()).ToHashSet();
        await Eventually.HoldsAsync(() => { lock (events) { return events.Any(e => e.Collected && e.ItemIds.Any(ids.Contains)); } });
        await Task.Delay(300);
        List<ItemsChanged> mine;
        lock (events)
        {
            // The write path's own events ("collected"); the stages' later ones only say a row has a suggestion now.
            mine = events.Where(e => e.Collected && e.ItemIds.Any(ids.Contains)).ToList();
        }

        var single = Assert.Single(mine);
        Assert.True(ids.SetEquals(single.ItemIds));
    }

    [Fact]
    public async Task Concurrent_submitters_are_all_acknowledged_and_all_stored()
    {
        var (clientId, key) = await server.NewClientAsync();
        using var http = server.Client(key);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            http.PostAsync("/api/v1/items", Json(Item($"concurrent-{i}", x => x["content"] = $"并发提交第{i}条")))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadObjectAsync())["id"]!.GetValue<int>()));
        Assert.Equal(200, ids.Distinct().Count());
        await using var db = await server.App.CreateDbContextAsync();
        var source = ItemSources.Api(clientId);
        var stored = await db.Items.Where(i => i.SourceKey == source).ToDictionaryAsync(i => i.Id, i => i.Content);
        Assert.Equal(200, stored.Count);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal($"并发提交第{i}条", stored[ids[i]]));
        var client = await db.ApiClients.SingleAsync(c => c.Id == clientId);
        Assert.Equal(200, client.ItemsTaken);
        Assert.NotNull(client.LastUsedAt);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_and_lists_the_endpoints()
    {
        using var http = server.Client(null);

        var document = await http.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/items"), string.Join(", ", paths.Select(p => p.Key)));
        Assert.True(paths.ContainsKey("/api/v1/items/batch"));
        Assert.True(paths.ContainsKey("/api/v1/items/{id}"));
        Assert.NotNull(paths["/api/v1/items"]!["post"]);
        Assert.NotNull(paths["/api/v1/items/{id}"]!["get"]);
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/account", StringComparison.Ordinal));

        // A client generator learns where the key goes.
        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme["type"]!.GetValue<string>(), scheme["in"]!.GetValue<string>(), scheme["name"]!.GetValue<string>()));
        Assert.True(document["security"]!.AsArray().Single()!.AsObject().ContainsKey("ApiKey"));
    }

    [Fact]
    public async Task The_api_needs_no_sign_in_cookie_and_no_antiforgery_token()
    {
        var (_, key) = await server.NewClientAsync();
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);

        var response = await http.PostAsync("/api/v1/items", Json(Item()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_row_the_database_refuses_fails_only_itself_and_the_writer_goes_on()
    {
        var intake = server.App.Services.GetRequiredService<IItemIntake>();
        var source = $"import-test-{Guid.NewGuid():N}"[..30];
        ItemSubmission Row(string externalId, int? unitId = null) => new()
        {
            ExternalId = externalId,
            Channel = Channel.Forum,
            Title = externalId,
            Content = $"内容 {externalId}",
            CollectedBy = "测试",
            SourceKey = source,
            // No such unit: the foreign key refuses the row inside the batch's transaction.
            SuggestedUnitId = unitId,
        };

        var mixedRows = await server.App.Services.CheckedAsync(Row("good-1"), Row("bad", unitId: 987_654), Row("good-2"));
        var otherRows = await server.App.Services.CheckedAsync(Row("other"));
        var mixed = intake.SubmitAsync(mixedRows, CancellationToken.None);
        var other = intake.SubmitAsync(otherRows, CancellationToken.None);

        var failed = await Assert.ThrowsAsync<IntakeFailedException>(() => mixed);
        Assert.Equal([1], failed.Failed.Keys);
        Assert.NotNull(failed.Results[0]);
        Assert.Null(failed.Results[1]);
        Assert.NotNull(failed.Results[2]);
        var otherResult = Assert.Single(await other);
        Assert.True(otherResult.Created);
        var after = Assert.Single(await intake.SubmitAsync(await server.App.Services.CheckedAsync(Row("after")), CancellationToken.None));
        Assert.True(after.Created);

        await using var db = await server.App.CreateDbContextAsync();
        var stored = await db.Items.Where(i => i.SourceKey == source).Select(i => i.ExternalId).ToListAsync();
        Assert.Equal(["after", "good-1", "good-2", "other"], stored.Order());
    }
}
