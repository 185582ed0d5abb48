using OpinionResponse.Domain.Common;

namespace OpinionResponse.App.Common.Security;

/// <summary>
/// Who a background service acts as when it sends a request through the mediator (the clock watcher's warnings and
/// escalations are audited and authorized like anyone's). Set per async flow, so it never leaks into a circuit.
/// </summary>
public static class BackgroundActor
{
    private static readonly AsyncLocal<Actor?> Acting = new();

    /// <summary>The system as the audit log and the timeline name it (系统), seeing every unit.</summary>
    public static Actor System { get; } = Actor.Create(Domain.Cases.Case.SystemActorId, Domain.Cases.Case.SystemActorName, [Role.Admin], [],
        spansAllUnits: true);

    public static Actor? Current => Acting.Value;

    public static IDisposable Use(Actor actor)
    {
        var previous = Acting.Value;
        Acting.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(Actor? previous) : IDisposable
    {
        public void Dispose() => Acting.Value = previous;
    }
}
