using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Components;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>A signed-in user on a page their role may not use reads 无权访问 and who may, not the sign-in page.</summary>
public class AccessPagesTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public void A_duty_officer_on_an_admin_page_is_told_it_is_for_administrators()
    {
        SignIn(DemoAccounts.Duty);
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("admin/places");

        var page = Context.Render<Routes>();

        page.WaitForElement("[data-testid=access-denied]");
        Assert.Equal(Text("Access.Denied"), page.Find("[data-testid=access-denied] h5").TextContent.Trim());
        Assert.Contains(Text("Role.Admin"), page.Find("[data-testid=access-who]").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("admin/places", navigation.Uri, StringComparison.Ordinal);
    }
}
