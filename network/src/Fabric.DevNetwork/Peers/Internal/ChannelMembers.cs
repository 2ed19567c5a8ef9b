using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Policies.Internal;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The channel's organisations as the peer sees them: turns a serialized creator into a validated
/// identity and checks signatures, the way Fabric's MSP manager and signed-data checks do.
/// </summary>
internal sealed class ChannelMembers
{
    // Like Fabric's MSP cache: an identity that passed its MSP's checks (certificate chain, validity)
    // is not re-validated on every request, only re-checked against its validity period.
    private const int MaxCacheEntries = 10_000;
    private readonly ConcurrentDictionary<string, Member> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MspVerifier> _verifiers;
    private readonly TimeProvider _time;
    private readonly MspHashFamily _hashFamily;
    private readonly ChannelPolicyTree _policies;

    public ChannelMembers(IEnumerable<MspVerifier> verifiers, MspHashFamily hashFamily, ChannelPolicyTree policies, TimeProvider time)
    {
        _verifiers = verifiers.ToDictionary(v => v.MspId, StringComparer.Ordinal);
        _hashFamily = hashFamily;
        _policies = policies;
        _time = time;
    }

    /// <summary>The channel's policies, from its config block.</summary>
    public ChannelPolicyTree Policies => _policies;

    /// <summary>The channel's ACL table, from its config block; Fabric's defaults when none is given.</summary>
    public ChannelAcls Acls { get; init; } = ChannelAcls.Defaults;

    /// <summary>The MSP signature hash family signatures are checked with.</summary>
    public MspHashFamily HashFamily => _hashFamily;

    public IReadOnlyCollection<string> MspIds => _verifiers.Keys;

    /// <summary>
    /// Checks that <paramref name="creator"/> is a valid member of a channel MSP that signed
    /// <paramref name="data"/>, and that it satisfies the channel policy of <paramref name="access"/>;
    /// returns null when it did, else the reason (for logs; clients get Fabric's text).
    /// <paramref name="policyUnsatisfied"/> tells a valid, correctly signing member the policy does not
    /// admit from the other failures; the reason is then the policy's own error text.
    /// </summary>
    public string? CheckSignedData(ByteString creator, ReadOnlySpan<byte> data, ByteString signature, ChannelAccess access, out bool policyUnsatisfied) =>
        CheckSignedData(creator, data, signature, access.Path(), out policyUnsatisfied);

    /// <summary>
    /// Fabric's ACL check of <paramref name="resource"/>: the signed data as <see cref="CheckSignedData(ByteString, ReadOnlySpan{byte}, ByteString, string?, out bool)"/>
    /// checks it, against the policy the channel's ACL table resolves the resource to (<paramref name="policy"/>).
    /// </summary>
    public string? CheckAcl(string resource, ByteString creator, ReadOnlySpan<byte> data, ByteString signature, out AclPolicy policy, out bool policyUnsatisfied)
    {
        policy = Acls.Resolve(resource);
        return CheckSignedData(creator, data, signature, policy.Path, out policyUnsatisfied);
    }

    /// <summary>
    /// As <see cref="CheckSignedData(ByteString, ReadOnlySpan{byte}, ByteString, ChannelAccess, out bool)"/>, against the policy at
    /// <paramref name="policyPath"/>; with null, only the member and its signature are checked (a system chaincode checks its own ACL).
    /// </summary>
    public string? CheckSignedData(ByteString creator, ReadOnlySpan<byte> data, ByteString signature, string? policyPath, out bool policyUnsatisfied)
    {
        policyUnsatisfied = false;
        var member = FindMember(creator, out var cacheKey, out var problem);
        if (member is null)
        {
            return problem;
        }

        var badSignature = member.Check(data, signature.Span, _hashFamily);
        if (badSignature is not null)
        {
            return badSignature;
        }

        if (policyPath is null)
        {
            return null;
        }

        var evaluation = _policies.Evaluate(policyPath, [member.AsPolicyIdentity(cacheKey)]);
        policyUnsatisfied = !evaluation.IsSatisfied;
        return evaluation.Failure;
    }

    /// <summary>
    /// The ACL check of <paramref name="resource"/> for a creator whose signature
    /// <see cref="CheckSignedData(ByteString, ReadOnlySpan{byte}, ByteString, string?, out bool)"/> has just checked:
    /// the policy only, without verifying the same signature again.
    /// </summary>
    public string? CheckAclOfVerifiedCreator(string resource, ByteString creator, out AclPolicy policy, out bool policyUnsatisfied)
    {
        policy = Acls.Resolve(resource);
        policyUnsatisfied = false;
        var member = FindMember(creator, out var cacheKey, out var problem);
        if (member is null)
        {
            return problem;
        }

        var evaluation = _policies.Evaluate(policy.Path, [member.AsPolicyIdentity(cacheKey)]);
        policyUnsatisfied = !evaluation.IsSatisfied;
        return evaluation.Failure;
    }

    // The validated member a creator names, from the cache while its certificate is within its validity period.
    private Member? FindMember(ByteString creator, out string cacheKey, out string? problem)
    {
        var now = _time.GetUtcNow();
        cacheKey = Convert.ToHexString(SHA256.HashData(creator.Span));
        problem = null;
        if (_cache.TryGetValue(cacheKey, out var member) && member.IsValidAt(now))
        {
            return member;
        }

        problem = ValidateMember(creator, now, out member);
        if (member is null)
        {
            return null;
        }

        if (_cache.Count >= MaxCacheEntries)
        {
            _cache.Clear();
        }

        _cache[cacheKey] = member;
        return member;
    }

    /// <summary>The MSP id of a creator that parses and names a channel MSP, else null.</summary>
    public string? KnownMspIdOf(ByteString creator)
    {
        try
        {
            var mspId = Hyperledger.Fabric.Protos.Msp.SerializedIdentity.Parser.ParseFrom(creator).Mspid;
            return _verifiers.ContainsKey(mspId) ? mspId : null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private string? ValidateMember(ByteString creator, DateTimeOffset now, out Member? member)
    {
        member = null;
        X509Identity identity;
        try
        {
            identity = X509Identity.FromSerializedIdentity(creator.Span);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or CryptographicException or FormatException or ArgumentException or CryptoMaterialException)
        {
            return "could not deserialize the creator: " + ex.Message;
        }

        if (!_verifiers.TryGetValue(identity.MspId, out var verifier))
        {
            return $"MSP {identity.MspId} is not a member of the channel";
        }

        var validation = verifier.Validate(identity, now);
        if (!validation.IsValid)
        {
            return "the creator's certificate is not valid: " + validation.Reason;
        }

        member = new Member(identity.MspId, identity.Certificate, NodeOURoles.Of(identity.Certificate, verifier));
        return null;
    }

    /// <summary>A validated member certificate and its public keys, reused across requests.</summary>
    private sealed class Member(string mspId, X509Certificate2 certificate, IReadOnlySet<PrincipalRole> roles)
    {
        public string MspId { get; } = mspId;

        // extracting the public key from the certificate per signature is costly; a key object is
        // used by one thread at a time, so concurrent verifications rent their own
        private readonly ConcurrentBag<ECDsa> _keys = [];
        private readonly byte[]? _ed25519Key = Validation.Internal.MspSignatureRules.Ed25519PublicKeyOf(certificate);
        private readonly byte[] _publicKey = certificate.PublicKey.EncodedKeyValue.RawData;
        private readonly DateTime _notBefore = certificate.NotBefore.ToUniversalTime();
        private readonly DateTime _notAfter = certificate.NotAfter.ToUniversalTime();

        public IReadOnlySet<PrincipalRole> Roles { get; } = roles;

        // an IDENTITY principal of a channel policy names the signer by its certificate
        private readonly string _certificateHash = PolicyIdentity.CertificateHashOf(certificate);

        /// <summary>The member as policies evaluate it: MSP, roles, and the certificate an IDENTITY principal names.</summary>
        public PolicyIdentity AsPolicyIdentity(string cacheKey) => new(MspId, Roles, cacheKey) { CertificateHash = _certificateHash };

        public bool IsValidAt(DateTimeOffset now) => now.UtcDateTime >= _notBefore && now.UtcDateTime <= _notAfter;

        /// <summary>Null when <paramref name="signature"/> is valid under the MSP's rule, else why not.</summary>
        public string? Check(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, MspHashFamily hashFamily)
        {
            if (_ed25519Key is not null)
            {
                return Validation.Internal.MspSignatureRules.CheckEd25519(_ed25519Key, data, signature);
            }

            if (!_keys.TryTake(out var key))
            {
                key = certificate.GetECDsaPublicKey();
                if (key is null)
                {
                    return "the creator's certificate holds no ECDSA key";
                }
            }

            try
            {
                return Validation.Internal.MspSignatureRules.Check(key, _publicKey, hashFamily, data, signature);
            }
            finally
            {
                _keys.Add(key);
            }
        }
    }
}
