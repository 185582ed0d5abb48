using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Queries;

/// <summary>
/// One rule for a raiser's phone number, whatever the channel: masked for everyone, whole for the roles that call back
/// (duty officer, section chief). The case page shows what the query returns, so the query is what is tested.
/// </summary>
[Collection(QueryDesk.Name)]
public class ContactPrivacyTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Theory]
    [InlineData("duty", "13800000000")]
    [InlineData("chief", "13800000000")]
    [InlineData("analyst", "138****0000")]
    [InlineData("head", "138****0000")]
    [InlineData("press", "138****0000")]
    [InlineData("supervisor", "138****0000")]
    public async Task A_hand_logged_callers_number_is_whole_only_for_those_who_call_back(string userName, string shown)
    {
        var caseId = await desk.NewCase().InAsync(CaseState.Collected);

        var detail = await desk.DetailAsync(caseId, DemoAccounts.All.Single(a => a.UserName == userName));

        Assert.Equal(shown, detail.Items.Single().Contact);
    }

    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData("王先生 13812341234", "王先生 138****1234")]
    [InlineData("138-1234-1234", "138****1234")]
    [InlineData("0571-88881234", "057*****1234")]
    [InlineData("88881234", "****1234")]
    [InlineData("138****6621", "138****6621")]
    [InlineData("微信 wx123", "微信 wx123")]
    public void Numbers_keep_their_first_three_and_last_four_digits(string contact, string masked) =>
        Assert.Equal(masked, ContactPrivacy.Mask(contact));
}
