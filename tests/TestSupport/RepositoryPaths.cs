namespace TestSupport;

/// <summary>Locates the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds Fabric.HealthRecords.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fabric.HealthRecords.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Fabric.HealthRecords.sln not found above " + AppContext.BaseDirectory);
    }
}
