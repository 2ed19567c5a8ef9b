using TestSupport;

namespace HealthRecords.Cli.Tests.Infrastructure;

/// <summary>The CLI tests' SoftHSM2 token (<see cref="SoftHsmToken"/>); hrec itself loads the module, so this fixture holds no library handle.</summary>
public sealed class SoftHsmTokenFixture : IAsyncLifetime
{
    private SoftHsmToken? _token;

    /// <summary>The token, with its P-256 key.</summary>
    public SoftHsmToken Token => _token ?? throw new InvalidOperationException("the token is not created");

    /// <inheritdoc />
    public async Task InitializeAsync() => _token = await SoftHsmToken.CreateAsync().WaitAsync(TestTimeouts.Long);

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _token?.Dispose();
        return Task.CompletedTask;
    }
}
