using System.Security.Cryptography;
using Fabric.Identity;
using Google.Protobuf;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The channel's organisations as the peer sees them: turns a serialized creator into a validated
/// identity and checks signatures, the way Fabric's MSP manager and signed-data checks do.
/// </summary>
internal sealed class ChannelMembers
{
    private readonly Dictionary<string, MspVerifier> _verifiers;
    private readonly TimeProvider _time;

    public ChannelMembers(IEnumerable<MspVerifier> verifiers, TimeProvider time)
    {
        _verifiers = verifiers.ToDictionary(v => v.MspId, StringComparer.Ordinal);
        _time = time;
    }

    public IReadOnlyCollection<string> MspIds => _verifiers.Keys;

    /// <summary>
    /// Checks that <paramref name="creator"/> is a valid member of a channel MSP and signed
    /// <paramref name="data"/>; returns null when it did, else the reason (for logs; clients get Fabric's text).
    /// </summary>
    public string? CheckSignedData(ByteString creator, ReadOnlySpan<byte> data, ByteString signature)
    {
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

        var validation = verifier.Validate(identity, _time.GetUtcNow());
        if (!validation.IsValid)
        {
            return "the creator's certificate is not valid: " + validation.Reason;
        }

        return EcdsaSignatures.Verify(identity.Certificate, data, signature.Span) ? null : "the signature is not valid";
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
}
