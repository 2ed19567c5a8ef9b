using System.Collections.Concurrent;
using System.Security.Cryptography;
using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Policies.Internal;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Msp;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// Deserializes and validates creators and endorsers against the channel's MSPs. Successful
/// validations are cached until the certificate expires (Fabric's MSP caches them too), because
/// building an X.509 chain per transaction would dominate commit time.
/// </summary>
internal sealed class IdentityValidator(IReadOnlyDictionary<string, MspVerifier> msps, MspHashFamily hashFamily, TimeProvider time)
{
    private const int MaxCacheEntries = 10_000;
    private readonly ConcurrentDictionary<string, ValidatedIdentity> _cache = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> MspIds { get; } = msps.Keys.ToArray();

    /// <summary>The validated identity, or null when it does not parse, has an unknown MSP or is not valid now.</summary>
    public ValidatedIdentity? Validate(ByteString serializedIdentity)
    {
        var now = time.GetUtcNow();
        var cacheKey = Convert.ToHexString(SHA256.HashData(serializedIdentity.Span));
        if (_cache.TryGetValue(cacheKey, out var cached) && now.UtcDateTime <= cached.Certificate.NotAfter.ToUniversalTime())
        {
            return cached;
        }

        SerializedIdentity parsed;
        X509Identity identity;
        try
        {
            parsed = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
            identity = X509Identity.FromSerializedIdentity(serializedIdentity.Span);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or CryptoMaterialException or CryptographicException or ArgumentException or FormatException)
        {
            return null;
        }

        if (!msps.TryGetValue(parsed.Mspid, out var verifier) || !verifier.Validate(identity, now).IsValid)
        {
            return null;
        }

        var roles = NodeOURoles.Of(identity.Certificate, verifier);
        var validated = new ValidatedIdentity(identity.Certificate, new PolicyIdentity(parsed.Mspid, roles, cacheKey) { CertificateHash = PolicyIdentity.CertificateHashOf(identity.Certificate) }, hashFamily);
        if (_cache.Count >= MaxCacheEntries)
        {
            _cache.Clear();
        }

        _cache[cacheKey] = validated;
        return validated;
    }
}
