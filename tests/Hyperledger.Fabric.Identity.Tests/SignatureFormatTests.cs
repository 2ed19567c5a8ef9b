using System.Security.Cryptography;
using Hyperledger.Fabric.Identity.Internal;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

/// <summary>Custom signers declare their output format; nothing is guessed from a signature's length.</summary>
public sealed class SignatureFormatTests
{
    private static readonly byte[] s_digest = SHA256.HashData("a proposal's bytes"u8);

    [Fact]
    public async Task Create_DerDeclaredButP1363Returned_ThrowsCryptographicException()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = Signers.Create((d, _) => ValueTask.FromResult(key.SignHash(d.Span, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)), key.ExportParameters(false).Curve, SignatureFormat.Der);

        var error = await Assert.ThrowsAsync<CryptographicException>(() => signer.SignAsync(s_digest).AsTask()).WaitAsync(TestTimeouts.Short);

        Assert.Contains("declared DER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_P1363DeclaredOnP384ButP256LengthReturned_ThrowsCryptographicException()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = Signers.Create((d, _) => ValueTask.FromResult(key.SignHash(d.Span, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)), ECCurve.NamedCurves.nistP384, SignatureFormat.IeeeP1363);

        var error = await Assert.ThrowsAsync<CryptographicException>(() => signer.SignAsync(s_digest).AsTask()).WaitAsync(TestTimeouts.Short);

        Assert.Equal("the custom signing function was declared IEEE P1363 on P-384 but returned 64 bytes, not 96", error.Message);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    public async Task Create_P1363_ReturnsLowSDerThatVerifies(int bits)
    {
        using var key = ECDsa.Create(bits == 256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var curve = key.ExportParameters(false).Curve;
        var signer = Signers.Create((d, _) => ValueTask.FromResult(key.SignHash(d.Span, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)), curve, SignatureFormat.IeeeP1363);

        for (var i = 0; i < 16; i++)
        {
            var signature = await signer.SignAsync(s_digest).AsTask().WaitAsync(TestTimeouts.Short);

            Assert.True(EcdsaSignatures.IsLowS(signature, curve));
            Assert.True(EcdsaSignatures.VerifyDigest(key, s_digest, signature));
        }
    }

    [Fact]
    public async Task Create_HighSDer_NormalisedToLowS()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var curve = key.ExportParameters(false).Curve;
        var lowS = EcdsaSignatures.ToLowS(key.SignHash(s_digest, DSASignatureFormat.Rfc3279DerSequence), curve);
        var highS = EcdsaSignaturesTests.FlipS(lowS, FabricCurve.P384.Order);
        var signer = Signers.Create((_, _) => ValueTask.FromResult(highS), curve, SignatureFormat.Der);

        var signature = await signer.SignAsync(s_digest).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.Equal(lowS, signature);
    }

    [Fact]
    public void Create_Ed25519FormatForEcdsa_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Signers.Create((_, _) => ValueTask.FromResult(Array.Empty<byte>()), ECCurve.NamedCurves.nistP256, SignatureFormat.Ed25519));
    }

    [Fact]
    public async Task CreateEd25519_SixtyFourBytes_PassedOnUnchanged()
    {
        // 64 bytes whose second half is above the P-256 half order: a length-guessing signer would
        // have taken it for P1363 and "normalised" it, corrupting an Ed25519 signature.
        var raw = Enumerable.Range(0, 64).Select(i => (byte)(0xF0 + (i % 16))).ToArray();
        var signer = Signers.CreateEd25519((_, _) => ValueTask.FromResult(raw.ToArray()));

        var signature = await signer.SignAsync("message"u8.ToArray()).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.Equal(raw, signature);
    }

    [Fact]
    public async Task CreateEd25519_WrongLength_ThrowsCryptographicException()
    {
        var signer = Signers.CreateEd25519((_, _) => ValueTask.FromResult(new byte[70]));

        var error = await Assert.ThrowsAsync<CryptographicException>(() => signer.SignAsync("m"u8.ToArray()).AsTask()).WaitAsync(TestTimeouts.Short);

        Assert.Contains("declared Ed25519 but returned 70 bytes", error.Message, StringComparison.Ordinal);
    }
}
