using OpinionResponse.Domain.Cases;

namespace OpinionResponse.Tests.Domain.Support;

/// <summary>
/// Gives a case and its tasks and responses the identities a save would give them. The domain finds tasks and responses
/// by Id and tells cases apart by Id; in production every command runs in its own unit of work, so by the next command
/// everything has one. Tests call this where that matters: between the commands of a scenario.
/// </summary>
internal static class Database
{
    private static int _lastId;

    public static Case Save(Case @case)
    {
        AssignId(@case);
        foreach (var task in @case.Tasks)
        {
            AssignId(task);
        }

        foreach (var response in @case.Responses)
        {
            AssignId(response);
        }

        return @case;
    }

    private static void AssignId(object entity)
    {
        var id = entity.GetType().GetProperty("Id")!;
        if ((int)id.GetValue(entity)! == 0)
        {
            id.SetValue(entity, Interlocked.Increment(ref _lastId));
        }
    }
}
