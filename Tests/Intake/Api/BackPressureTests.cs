using System.Net;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.Domain.Items;
using OpinionResponse.Tests.Support;
using Xunit;
using static OpinionResponse.Tests.Intake.Api.ApiJsonHelpers;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>Back-pressure: a client over its rate or a full write queue gets 429 with Retry-After, and nothing acknowledged is lost.</summary>
public sealed class BackPressureTests(TightApiServer server) : IClassFixture<TightApiServer>
{
    [Fact]
    public async Task Over_the_rate_limit_a_key_gets_429_with_retry_after_while_other_keys_go_on()
    {
        var (_, busyKey) = await server.NewClientAsync();
        var (_, calmKey) = await server.NewClientAsync();
        using var busy = server.Client(busyKey);
        using var calm = server.Client(calmKey);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await busy.GetAsync("/api/v1/items/999999"));
        }

        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
        Assert.True(answers[5].Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal("application/problem+json", answers[5].Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await calm.GetAsync("/api/v1/items/999999")).StatusCode);
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_the_queued_items_are_stored_once_the_writer_moves_on()
    {
        var (clientId, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        Task<HttpResponseMessage> first;
        Task<HttpResponseMessage> queued;
        HttpResponseMessage refused;
        // Another process holds the database's write lock (a backup, a migration): the writer waits for it.
        await using (await TestDatabase.HoldWritesAsync(server.App))
        {
            first = http.PostAsync("/api/v1/items", Json(Item("queue-1")));
            await Eventually.HoldsAsync(() => server.Intake.Writing == 1);
            queued = http.PostAsync("/api/v1/items", Json(Item("queue-2")));
            await Eventually.HoldsAsync(() => server.Intake.Waiting == 1);
            refused = await http.PostAsync("/api/v1/items", Json(Item("queue-3")));
            Assert.False(first.IsCompleted);
            Assert.False(queued.IsCompleted);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Created, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await queued).StatusCode);
        await using var db = await server.App.CreateDbContextAsync();
        var source = ItemSources.Api(clientId);
        var stored = await db.Items.Where(i => i.SourceKey == source).Select(i => i.ExternalId).ToListAsync();
        Assert.Equal(["queue-1", "queue-2"], stored.Order());
    }

    [Fact]
    public async Task A_slow_ingested_items_handler_does_not_hold_up_the_next_commit()
    {
        var (_, key) = await server.NewClientAsync();
        using var http = server.Client(key);
        server.Gate.Close();
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/items", Json(Item()))).StatusCode);
            await server.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(10));

            var next = await http.PostAsync("/api/v1/items", Json(Item()));

            Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        }
        finally
        {
            server.Gate.Open();
        }
    }
}
