using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionResponse.App;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.Infrastructure.Intake;
using Xunit;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>A full intake queue refuses a form's item; the officer is told to retry and keeps what was typed.</summary>
public sealed class IntakeBusyMessageTests
{
    [Theory]
    [InlineData("zh-CN", "繁忙", "约 3 秒")]
    [InlineData("en", "busy", "about 3 s")]
    public void A_full_intake_queue_tells_the_user_to_retry_in_their_language(string culture, string word, string wait)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var factory = new ResourceManagerStringLocalizerFactory(
                Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
            var runner = new ActionRunner(new StringLocalizer<SharedResource>(factory), null!, NullLogger<ActionRunner>.Instance);

            var failure = runner.Describe(new IntakeBusyException(TimeSpan.FromSeconds(2.2)));

            Assert.Contains(word, failure.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(wait, failure.Message);
            Assert.False(failure.Conflict);
            Assert.Empty(failure.FieldErrors);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
