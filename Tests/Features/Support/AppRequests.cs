using System.Reflection;
using Mediator;
using OpinionResponse.App;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;

namespace OpinionResponse.Tests.Features.Support;

/// <summary>The App's requests, found by reflection, for the tests that must cover every one of them.</summary>
public static class AppRequests
{
    public static Assembly Assembly { get; } = typeof(SharedResource).Assembly;

    /// <summary>Every concrete mediator message type the App declares (notifications excepted: they have no pipeline).</summary>
    public static IReadOnlyList<Type> Messages { get; } = Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t) && !typeof(INotification).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>Each use case that fires a case trigger, with its trigger and its command type.</summary>
    public static IReadOnlyList<(CaseTrigger Trigger, Type Command)> CaseCommands { get; } = Assembly.GetTypes()
        .Select(t => (Type: t, Action: t.GetCustomAttribute<CaseActionAttribute>()))
        .Where(x => x.Action is not null)
        .Select(x => (x.Action!.Trigger, x.Type.GetNestedType("Command") ?? throw new InvalidOperationException($"{x.Type} has no Command.")))
        .OrderBy(x => x.Trigger)
        .ToList();

    /// <summary>Every request about one case: the trigger commands, attaching an item, and the case detail.</summary>
    public static IReadOnlyList<Type> CaseRequests { get; } = Messages.Where(t => typeof(ICaseRequest).IsAssignableFrom(t)).ToList();

    /// <summary>Every request that is not a case trigger, each with the permission it declares.</summary>
    public static IReadOnlyList<(Type Request, RequiresPermissionAttribute Permission)> DeskRequests { get; } = Messages
        .Select(t => (Type: t, Permission: PermissionOf<object>.Find(t) as RequiresPermissionAttribute))
        .Where(x => x.Permission is not null)
        .Select(x => (x.Type, x.Permission!))
        .ToList();

    /// <summary>
    /// An instance of <paramref name="commandType"/> about <paramref name="caseId"/> (when it is about a case), every other
    /// field at its default: what a forged request naming someone else's case would look like.
    /// </summary>
    public static object Create(Type commandType, int caseId)
    {
        var parameterless = commandType.GetConstructor(Type.EmptyTypes);
        if (parameterless is not null)
        {
            var command = parameterless.Invoke(null);
            commandType.GetProperty(nameof(ICaseRequest.CaseId))?.SetValue(command, caseId);
            return command;
        }

        var constructor = commandType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters()
            .Select(p => p.Name == nameof(ICaseRequest.CaseId) ? caseId
                : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
        return constructor.Invoke(arguments);
    }
}
