using System.Security.Cryptography;
using Fabric.DevNetwork.Validation.Internal;
using Hyperledger.Fabric.Identity;

namespace Fabric.DevNetwork.Tests.Validation;

/// <summary>
/// The process's memo of signatures that verified: a success is remembered for exactly its key, digest
/// and signature, and the MSP rules still refuse whatever does not verify for itself.
/// </summary>
public sealed class VerifiedSignaturesTests
{
    private static readonly byte[] s_message = "an envelope's payload"u8.ToArray();

    [Fact]
    public void Contains_AfterAdd_OnlyForTheSameKeyDigestAndSignature()
    {
        // its own memo, so no other test's checks fill and empty it meanwhile
        var memo = new VerifiedSignatures(16);
        var key = RandomNumberGenerator.GetBytes(65);
        var digest = RandomNumberGenerator.GetBytes(32);
        var signature = RandomNumberGenerator.GetBytes(71);

        memo.Add(VerifiedSignatures.Fingerprint.Of(key, digest, signature));

        Assert.True(memo.Contains(VerifiedSignatures.Fingerprint.Of(key, digest, signature)));
        Assert.False(memo.Contains(VerifiedSignatures.Fingerprint.Of(Flipped(key), digest, signature)));
        Assert.False(memo.Contains(VerifiedSignatures.Fingerprint.Of(key, Flipped(digest), signature)));
        Assert.False(memo.Contains(VerifiedSignatures.Fingerprint.Of(key, digest, Flipped(signature))));
        // the parts are length-prefixed: moving a byte from one part to the next names another entry
        Assert.False(memo.Contains(VerifiedSignatures.Fingerprint.Of(key[..64], [key[64], .. digest], signature)));
    }

    [Fact]
    public void Add_Full_StartsAgainEmpty()
    {
        var memo = new VerifiedSignatures(2);
        var first = RandomFingerprint();
        var second = RandomFingerprint();
        var third = RandomFingerprint();

        memo.Add(first);
        memo.Add(second);
        memo.Add(third);

        Assert.False(memo.Contains(first));
        Assert.False(memo.Contains(second));
        Assert.True(memo.Contains(third));
    }

    [Fact]
    public void Check_SignatureVerifiedBefore_StillRefusedUnderAnotherKey()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = LowS(signer.SignData(s_message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        Assert.Null(MspSignatureRules.Check(signer, Point(signer), MspHashFamily.Sha2, s_message, signature));

        Assert.NotNull(MspSignatureRules.Check(other, Point(other), MspHashFamily.Sha2, s_message, signature));
        Assert.True(MspSignatureRules.Verify(signer, Point(signer), MspHashFamily.Sha2, s_message, signature));
        Assert.False(MspSignatureRules.Verify(other, Point(other), MspHashFamily.Sha2, s_message, signature));
    }

    [Fact]
    public void Check_SignatureVerifiedBefore_StillRefusedOverAnotherMessage()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = LowS(signer.SignData(s_message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.True(MspSignatureRules.Verify(signer, Point(signer), MspHashFamily.Sha2, s_message, signature));

        Assert.Equal(
            "the signature does not verify over SHA-256 of the message (MSP hash family SHA2)",
            MspSignatureRules.Check(signer, Point(signer), MspHashFamily.Sha2, "another payload"u8, signature));
    }

    private static byte[] Point(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    private static byte[] LowS(byte[] der) => EcdsaSignatures.IsLowS(der, ECCurve.NamedCurves.nistP256) ? der : EcdsaSignatures.ToLowS(der, ECCurve.NamedCurves.nistP256);

    private static VerifiedSignatures.Fingerprint RandomFingerprint() =>
        VerifiedSignatures.Fingerprint.Of(RandomNumberGenerator.GetBytes(65), RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(71));

    private static byte[] Flipped(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[^1] ^= 0x01;
        return copy;
    }
}
