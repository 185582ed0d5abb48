using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpinionResponse.Infrastructure.Intake;
using Xunit;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>The app allowing three requests with a missing or unknown key per address and minute.</summary>
public sealed class BadKeyApiServer() : ApiServer(new Dictionary<string, string>
{
    ["Intake:UnknownKeyPerMinutePerAddress"] = "3",
});

/// <summary>
/// SECURITY.md V2: guessing keys is slowed down per client address (the per-key limit cannot see it: every guessed key
/// is a fresh partition), without locking out a valid client from the same address.
/// </summary>
public sealed class BadKeyTests(BadKeyApiServer server) : IClassFixture<BadKeyApiServer>
{
    [Fact]
    public async Task Unknown_and_missing_keys_from_one_address_get_429_with_retry_after_once_over_the_limit_while_a_valid_key_goes_on()
    {
        var (_, valid) = await server.NewClientAsync();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            using var guess = server.Client(i == 0 ? null : $"or_guess{i}{Guid.NewGuid():N}");
            answers.Add(await guess.GetAsync("/api/v1/items/1"));
        }

        using var another = server.Client($"or_guess{Guid.NewGuid():N}");
        var refused = await another.GetAsync("/api/v1/items/1");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        using var client = server.Client(valid);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/items/999999")).StatusCode);
    }

    [Fact]
    public void A_key_is_limited_to_600_requests_a_minute_by_default()
    {
        Assert.Equal(600, server.App.Services.GetRequiredService<IOptions<IntakeOptions>>().Value.RateLimitPerMinute);
    }
}
