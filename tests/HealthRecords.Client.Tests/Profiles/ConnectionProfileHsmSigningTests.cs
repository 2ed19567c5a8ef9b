using HealthRecords.Client.Profiles;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace HealthRecords.Client.Tests.Profiles;

/// <summary>A profile's <c>hsm</c> identity signing inside the tests' own SoftHSM2 token: the options it gives reach the key.</summary>
public sealed class ConnectionProfileHsmSigningTests : IAsyncLifetime
{
    private SoftHsmToken? _token;
    private HsmSignerFactory? _factory;

    public async Task InitializeAsync()
    {
        _token = await SoftHsmToken.CreateAsync().WaitAsync(TestTimeouts.Long);
        _factory = HsmSignerFactory.Create(SoftHsmToken.Library);
    }

    public Task DisposeAsync()
    {
        _factory?.Dispose();
        _token?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NewSignerAsync_ProfileHsmIdentity_SignsInTokenVerifiably()
    {
        var json = $$"""
            { "x-hrec": { "identities": { "hsm-user": { "mspid": "Org1MSP", "certPath": "c.pem",
              "hsm": { "library": "{{SoftHsmToken.Library}}", "tokenLabel": "{{SoftHsmToken.TokenLabel}}", "pin": "{{SoftHsmToken.Pin}}", "keyLabel": "{{SoftHsmToken.KeyLabel}}", "keyId": "0102" } } } } }
            """;
        var hsmIdentity = ConnectionProfile.Parse(json, "/tmp").Identities["hsm-user"].Hsm!;
        using var signer = await _factory!.NewSignerAsync(hsmIdentity.ToSignerOptions()).WaitAsync(TestTimeouts.Short);
        var digest = Hashes.Sha256("from the profile"u8);

        var signature = await signer.SignAsync(digest).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.Equal(SoftHsmToken.Library, hsmIdentity.LibraryPath);
        Assert.True(EcdsaSignatures.VerifyDigest(_token!.PublicKey, digest, signature));
    }
}
