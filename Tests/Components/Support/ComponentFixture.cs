using OpinionResponse.Tests.Features.Support;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Components.Support;

/// <summary>
/// One running app per component test class (its own SQLite file, the demo organisation): the pages under test get
/// its real services, so they talk to the real mediator, handlers and database. Tests of a class run one after
/// another and create their own items and cases.
/// </summary>
public class ComponentFixture : IAsyncLifetime
{
    public ComponentFixture()
        : this(new TestApp())
    {
    }

    protected ComponentFixture(TestApp app) => App = app;

    public TestApp App { get; }

    /// <summary>The seeded people as actors and the few steps every scenario needs, shared with the feature tests.</summary>
    public Desk Desk { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        Desk = await Desk.CreateAsync(App);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
