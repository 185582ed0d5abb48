using Xunit;

namespace OpinionResponse.Tests.Support;

/// <summary>
/// Waits for what happens after the call under test returned (a background task, the intake's stages, a write another
/// part of the app makes): polls the condition until it holds, and fails the test when it has not within the timeout.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static Task HoldsAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"The condition did not hold within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s.");
            await Task.Delay(20);
        }
    }
}
