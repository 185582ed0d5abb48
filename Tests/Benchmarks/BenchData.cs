namespace OpinionResponse.Benchmarks;

/// <summary>The repository's test data, found by walking up from the program (it runs from Tests/Benchmarks/bin/...).</summary>
public static class BenchData
{
    /// <summary>The file at <paramref name="relative"/> (e.g. Tests/data/pairs.tsv) in the nearest folder above that has it, or null.</summary>
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
