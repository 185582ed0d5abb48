using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Common.Live;

/// <summary>Tells the open pages of users whose bells changed to re-read them: the case bells and the clock alerts both ring this way.</summary>
public static class BellRefresh
{
    /// <summary>After commit: each user's bell and notification list refresh.</summary>
    public static async Task PublishNotificationsAsync(this ILiveEventHub hub, IReadOnlyList<string> userIds)
    {
        foreach (var userId in userIds)
        {
            await hub.PublishAsync(new NotificationsChanged(userId), CancellationToken.None);
        }
    }
}
