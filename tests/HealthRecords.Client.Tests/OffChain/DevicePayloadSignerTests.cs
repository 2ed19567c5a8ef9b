using System.Security.Cryptography;
using HealthRecords.Client.OffChain;
using HealthRecords.Client.Tests.Support;

namespace HealthRecords.Client.Tests.OffChain;

public sealed class DevicePayloadSignerTests : IDisposable
{
    private static readonly byte[] Reading = "{\"heartRate\":72,\"at\":\"2026-01-01T08:00:00Z\"}"u8.ToArray();
    private readonly TestCertificates _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void Verify_SignedByDeviceChainingToCa_ReturnsContentAndSigner()
    {
        var (watch, key) = _pki.Issue("watch-1@org1.example.com");

        var signed = DevicePayloadSigner.Sign(Reading, watch, key);
        var verified = DevicePayloadSigner.Verify(signed, [_pki.Ca], expectedSigner: watch);

        Assert.Equal(Reading, verified.Content.ToArray());
        Assert.Equal(watch.Thumbprint, verified.Signer.Thumbprint);
        Assert.NotNull(verified.SigningTime);
    }

    [Fact]
    public void Verify_TamperedContent_ThrowsCryptographic()
    {
        var (watch, key) = _pki.Issue("watch-1@org1.example.com");
        var signed = DevicePayloadSigner.Sign(Reading, watch, key);

        var at = signed.AsSpan().IndexOf("\"heartRate\":72"u8) + "\"heartRate\":7".Length;
        signed[at] = (byte)'9';

        Assert.ThrowsAny<CryptographicException>(() => DevicePayloadSigner.Verify(signed, [_pki.Ca]));
    }

    [Fact]
    public void Verify_TamperedSignature_ThrowsCryptographic()
    {
        var (watch, key) = _pki.Issue("watch-1@org1.example.com");
        var signed = DevicePayloadSigner.Sign(Reading, watch, key);

        signed[^3] ^= 0x01; // inside the signature value, the last element of the SignerInfo

        Assert.ThrowsAny<CryptographicException>(() => DevicePayloadSigner.Verify(signed));
    }

    [Fact]
    public void Verify_SignerFromUnknownCa_ThrowsCryptographic()
    {
        using var otherPki = new TestCertificates("ca.rogue.example.com");
        var (rogue, key) = otherPki.Issue("watch-9@rogue.example.com");
        var signed = DevicePayloadSigner.Sign(Reading, rogue, key);

        var e = Assert.ThrowsAny<CryptographicException>(() => DevicePayloadSigner.Verify(signed, [_pki.Ca]));
        Assert.Contains("does not chain", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnexpectedSigner_ThrowsCryptographic()
    {
        var (watch, key) = _pki.Issue("watch-1@org1.example.com");
        var (other, _) = _pki.Issue("watch-2@org1.example.com");
        var signed = DevicePayloadSigner.Sign(Reading, watch, key);

        Assert.ThrowsAny<CryptographicException>(() => DevicePayloadSigner.Verify(signed, [_pki.Ca], expectedSigner: other));
    }
}
