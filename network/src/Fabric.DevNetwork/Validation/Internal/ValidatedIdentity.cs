using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Policies;
using Hyperledger.Fabric.Identity;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>A serialized identity that passed its MSP's checks, with what policies need from it.</summary>
internal sealed class ValidatedIdentity
{
    // public-key objects are reused (extracting one from the certificate per signature is costly)
    // but never shared between threads at the same time, so each verifying thread rents its own
    private readonly ConcurrentBag<ECDsa> _keys = [];
    private readonly MspHashFamily _hashFamily;
    private readonly byte[]? _ed25519Key;
    private readonly byte[] _publicKey;

    public ValidatedIdentity(X509Certificate2 certificate, PolicyIdentity policyIdentity, MspHashFamily hashFamily)
    {
        Certificate = certificate;
        PolicyIdentity = policyIdentity;
        _hashFamily = hashFamily;
        _ed25519Key = MspSignatureRules.Ed25519PublicKeyOf(certificate);
        _publicKey = certificate.PublicKey.EncodedKeyValue.RawData;
        if (_ed25519Key is null)
        {
            var key = certificate.GetECDsaPublicKey() ?? throw new CryptographicException("The certificate has no ECDSA or Ed25519 public key.");
            _keys.Add(key);
        }
    }

    public X509Certificate2 Certificate { get; }

    public PolicyIdentity PolicyIdentity { get; }

    /// <summary>Verifies a low-S DER signature over <paramref name="message"/>, hashed as the MSP's hash family says.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> derSignature)
    {
        if (_ed25519Key is not null)
        {
            return MspSignatureRules.CheckEd25519(_ed25519Key, message, derSignature) is null;
        }

        if (!_keys.TryTake(out var key))
        {
            key = Certificate.GetECDsaPublicKey()!;
        }

        try
        {
            return MspSignatureRules.Verify(key, _publicKey, _hashFamily, message, derSignature);
        }
        finally
        {
            _keys.Add(key);
        }
    }
}
