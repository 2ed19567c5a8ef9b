using TestSupport;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>A <see cref="TemporaryDirectory"/> usable with <c>await using</c>.</summary>
public sealed class AsyncTemporaryDirectory : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public string Path => _directory.Path;

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
