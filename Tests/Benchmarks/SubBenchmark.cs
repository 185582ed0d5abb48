using System.Reflection;

namespace OpinionResponse.Benchmarks;

/// <summary>
/// Marks a static class as a benchmark of its own, run as <c>dotnet run -c Release --project Tests/Benchmarks -- NAME</c>.
/// The class has <c>public static Task&lt;int&gt; RunAsync(string[] args)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SubBenchmarkAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

public static class SubBenchmark
{
    public static Func<string[], Task<int>>? Find(string name)
    {
        var type = typeof(SubBenchmark).Assembly.GetTypes()
            .FirstOrDefault(t => t.GetCustomAttribute<SubBenchmarkAttribute>()?.Name == name);
        var method = type?.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static, [typeof(string[])]);
        return method is null ? null : args => (Task<int>)method.Invoke(null, [args])!;
    }
}
