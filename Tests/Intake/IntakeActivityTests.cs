using OpinionResponse.Infrastructure.Intake;
using Xunit;

namespace OpinionResponse.Tests.Intake;

/// <summary>The signal the ingested-item stages wait on: busy while a request is in flight and for a moment after.</summary>
public class IntakeActivityTests
{
    [Fact]
    public async Task Busy_while_a_request_is_in_flight_and_until_the_intake_has_been_quiet_for_the_span()
    {
        var activity = new IntakeActivity();
        var span = TimeSpan.FromMilliseconds(100);
        await Task.Delay(span * 1.5);
        Assert.True(activity.QuietFor(span));

        activity.Begin();
        await Task.Delay(span * 1.5);
        Assert.False(activity.QuietFor(span)); // still in flight, however long

        activity.End();
        Assert.False(activity.QuietFor(span)); // just served
        await Task.Delay(span * 1.5);
        Assert.True(activity.QuietFor(span));

        activity.Touch();
        Assert.False(activity.QuietFor(span));
    }
}
