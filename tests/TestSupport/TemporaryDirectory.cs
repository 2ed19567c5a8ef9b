namespace TestSupport;

/// <summary>A folder under the system temp path, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates an empty folder.</summary>
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("hrec-test-").FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a process under test may still hold a file; the OS temp cleaner takes it later
        }
    }
}
