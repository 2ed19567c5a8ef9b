using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity;

namespace Fabric.CryptoGen.Internal;

/// <summary>
/// Signs certificates with ECDSA and low-S signatures, as cryptogen's CA signer does, so that
/// Fabric's MSP never has to "sanitize" a generated certificate.
/// </summary>
internal sealed class LowSSignatureGenerator : X509SignatureGenerator
{
    private readonly X509SignatureGenerator _inner;
    private readonly ECCurve _curve;

    public LowSSignatureGenerator(ECDsa key)
    {
        _inner = CreateForECDsa(key);
        _curve = key.ExportParameters(false).Curve;
    }

    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => _inner.GetSignatureAlgorithmIdentifier(hashAlgorithm);

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
        EcdsaSignatures.ToLowS(_inner.SignData(data, hashAlgorithm), _curve);

    protected override PublicKey BuildPublicKey() => _inner.PublicKey;
}
