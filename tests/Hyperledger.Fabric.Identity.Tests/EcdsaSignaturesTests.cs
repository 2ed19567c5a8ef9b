using System.Numerics;
using System.Security.Cryptography;
using System.Formats.Asn1;
using Hyperledger.Fabric.Identity.Internal;

namespace Hyperledger.Fabric.Identity.Tests;

public sealed class EcdsaSignaturesTests
{
    private static readonly byte[] s_message = "a proposal's bytes"u8.ToArray();

    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    public async Task SignAsync_Verify_RoundTrips(int bits)
    {
        using var key = ECDsa.Create(bits == 256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var signer = Signers.FromPrivateKey(key);
        var digest = Hashes.Sha256(s_message);

        var signature = await signer.SignAsync(digest).AsTask().WaitAsync(TestSupport.TestTimeouts.Short);

        Assert.Equal(0x30, signature[0]);
        Assert.True(EcdsaSignatures.VerifyDigest(key, digest, signature));
        Assert.False(EcdsaSignatures.VerifyDigest(key, Hashes.Sha256("something else"u8), signature));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    public async Task Verify_SignatureOverSha256AnyCurve_True(int bits)
    {
        var (certificate, key) = SelfSigned(bits);
        using (certificate)
        using (key)
        {
            var signature = await Signers.FromPrivateKey(key).SignAsync(Hashes.Sha256(s_message)).AsTask().WaitAsync(TestSupport.TestTimeouts.Short);

            Assert.True(EcdsaSignatures.Verify(certificate, s_message, signature));
        }
    }

    [Fact]
    public async Task Verify_P384SignatureOverSha384_False()
    {
        var (certificate, key) = SelfSigned(384);
        using (certificate)
        using (key)
        {
            var signature = await Signers.FromPrivateKey(key).SignAsync(Hashes.Sha384(s_message)).AsTask().WaitAsync(TestSupport.TestTimeouts.Short);

            Assert.False(EcdsaSignatures.Verify(certificate, s_message, signature));
        }
    }

    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    public async Task Verify_Sha3Family_AcceptsSha3_256AndRefusesSha256(int bits)
    {
        Assert.True(SHA3_256.IsSupported, "SHA-3 is needed for the SHA3 hash family (OpenSSL 1.1.1 or later)");
        var (certificate, key) = SelfSigned(bits);
        using (certificate)
        using (key)
        {
            var signer = Signers.FromPrivateKey(key);
            var overSha3 = await signer.SignAsync(Hashes.ForFamily(MspHashFamily.Sha3)(s_message)).AsTask().WaitAsync(TestSupport.TestTimeouts.Short);
            var overSha2 = await signer.SignAsync(Hashes.ForFamily(MspHashFamily.Sha2)(s_message)).AsTask().WaitAsync(TestSupport.TestTimeouts.Short);

            Assert.True(EcdsaSignatures.Verify(certificate, s_message, overSha3, MspHashFamily.Sha3));
            Assert.False(EcdsaSignatures.Verify(certificate, s_message, overSha2, MspHashFamily.Sha3));
            Assert.False(EcdsaSignatures.Verify(certificate, s_message, overSha3, MspHashFamily.Sha2));
        }
    }

    [Fact]
    public void ForFamily_EachFamily_Its256BitHash()
    {
        Assert.Equal(SHA256.HashData(s_message), Hashes.ForFamily(MspHashFamily.Sha2)(s_message));
        Assert.Equal(SHA3_256.HashData(s_message), Hashes.ForFamily(MspHashFamily.Sha3)(s_message));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hashes.ForFamily((MspHashFamily)7));
    }

    private static (System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate, ECDsa Key) SelfSigned(int bits)
    {
        var key = ECDsa.Create(bits == 256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=signer", key, HashAlgorithmName.SHA256);
        return (request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1)), key);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    public async Task SignAsync_ManySignatures_AllLowS(int bits)
    {
        var curve = bits == 256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;
        using var key = ECDsa.Create(curve);
        var signer = Signers.FromPrivateKey(key);
        var order = bits == 256 ? FabricCurve.P256.Order : FabricCurve.P384.Order;
        var highSeenFromRawKey = 0;

        for (var i = 0; i < 300; i++)
        {
            var digest = Hashes.Sha256(BitConverter.GetBytes(i));
            var signature = await signer.SignAsync(digest).AsTask().WaitAsync(TestSupport.TestTimeouts.Short);
            Assert.True(EcdsaSignatures.IsLowS(signature, curve));
            Assert.True(ReadS(signature) <= order / 2);
            Assert.True(EcdsaSignatures.VerifyDigest(key, digest, signature));

            // The raw .NET signature is high-S about half the time: normalisation is doing work.
            if (!EcdsaSignatures.IsLowS(key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence), curve))
            {
                highSeenFromRawKey++;
            }
        }

        Assert.InRange(highSeenFromRawKey, 50, 250);
    }

    [Fact]
    public void VerifyDigest_HighSSignature_ReturnsFalse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var digest = Hashes.Sha256(s_message);
        var lowS = EcdsaSignatures.ToLowS(key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence), key.ExportParameters(false).Curve);
        var highS = FlipS(lowS, FabricCurve.P256.Order);

        // The high-S twin is mathematically valid (the platform accepts it) but Fabric refuses it.
        Assert.True(key.VerifyHash(digest, highS, DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(EcdsaSignatures.IsLowS(highS, key.ExportParameters(false).Curve));
        Assert.False(EcdsaSignatures.VerifyDigest(key, digest, highS));
        Assert.True(EcdsaSignatures.VerifyDigest(key, digest, lowS));
    }

    [Fact]
    public void ToLowS_HighSSignature_ReturnsLowSTwin()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var curve = key.ExportParameters(false).Curve;
        var digest = Hashes.Sha384(s_message);
        var lowS = EcdsaSignatures.ToLowS(key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence), curve);
        var highS = FlipS(lowS, FabricCurve.P384.Order);

        Assert.Equal(lowS, EcdsaSignatures.ToLowS(highS, curve));
    }

    [Fact]
    public void VerifyDigest_MalformedDer_ReturnsFalse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(EcdsaSignatures.VerifyDigest(key, Hashes.Sha256(s_message), [0x30, 0x03, 0x02, 0x01]));
    }

    [Fact]
    public void ToLowS_UnsupportedCurve_ThrowsNamingCurve()
    {
        var error = Assert.Throws<CryptoMaterialException>(() => EcdsaSignatures.ToLowS([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01], ECCurve.NamedCurves.nistP521));
        Assert.Contains("P-521", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FunctionReturningHighSP1363_NormalisesToLowSDer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var curve = key.ExportParameters(false).Curve;
        var digest = Hashes.Sha256(s_message);
        var highSDer = FlipS(EcdsaSignatures.ToLowS(key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence), curve), FabricCurve.P256.Order);
        var highSP1363 = ToP1363(highSDer, 32);
        var signer = Signers.Create((_, _) => ValueTask.FromResult(highSP1363), curve, SignatureFormat.IeeeP1363);

        var signature = await signer.SignAsync(digest).AsTask().WaitAsync(TestSupport.TestTimeouts.Short);

        Assert.True(EcdsaSignatures.IsLowS(signature, curve));
        Assert.True(EcdsaSignatures.VerifyDigest(key, digest, signature));
    }

    internal static BigInteger ReadS(byte[] der)
    {
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        sequence.ReadInteger();
        return sequence.ReadInteger();
    }

    internal static byte[] FlipS(byte[] der, BigInteger order)
    {
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(order - s);
        }

        return writer.Encode();
    }

    private static byte[] ToP1363(byte[] der, int size)
    {
        var result = new byte[size * 2];
        var r = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadInteger();
        var s = ReadS(der);
        var rBytes = r.ToByteArray(isUnsigned: true, isBigEndian: true);
        var sBytes = s.ToByteArray(isUnsigned: true, isBigEndian: true);
        rBytes.CopyTo(result, size - rBytes.Length);
        sBytes.CopyTo(result, (2 * size) - sBytes.Length);
        return result;
    }
}
