using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>The tests' own SoftHSM2 token (<see cref="SoftHsmToken"/>) and one <see cref="HsmSignerFactory"/> over it.</summary>
public sealed class SoftHsmFixture : IAsyncLifetime, IDisposable
{
    public const string Library = SoftHsmToken.Library;
    public const string TokenLabel = SoftHsmToken.TokenLabel;
    public const string Pin = SoftHsmToken.Pin;
    public const string KeyLabel = SoftHsmToken.KeyLabel;

    private SoftHsmToken? _token;

    /// <summary>The public half of the P-256 key generated in the token (the private half never leaves it).</summary>
    public System.Security.Cryptography.ECDsa PublicKey => _token!.PublicKey;

    /// <summary>The private key's CKA_SENSITIVE and CKA_EXTRACTABLE, as the token reported them after generation.</summary>
    public (bool Sensitive, bool Extractable) KeyFlags => _token!.KeyFlags;

    public HsmSignerFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _token = await SoftHsmToken.CreateAsync().WaitAsync(TestTimeouts.Long);
        Factory = HsmSignerFactory.Create(Library);
    }

    public Task DisposeAsync()
    {
        Factory?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _token?.Dispose();
}
