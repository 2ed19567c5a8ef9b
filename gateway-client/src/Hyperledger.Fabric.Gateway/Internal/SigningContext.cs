using Hyperledger.Fabric.Identity;
using Google.Protobuf;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>The client identity, its serialised form, and how digests are made and signed.</summary>
internal sealed class SigningContext
{
    private readonly ISigner? _signer;
    private readonly HashFunction _hash;

    public SigningContext(IIdentity identity, ISigner? signer, HashFunction hash)
    {
        Identity = identity;
        _signer = signer;
        _hash = hash;
        Creator = ByteString.CopyFrom(X509Identity.Serialize(identity));
    }

    public IIdentity Identity { get; }

    /// <summary>The <c>msp.SerializedIdentity</c> bytes of the client.</summary>
    public ByteString Creator { get; }

    public bool CanSign => _signer is not null;

    public byte[] Digest(ReadOnlySpan<byte> message) => _hash(message);

    /// <summary>Signs with the configured signer; <paramref name="step"/> names the offline alternative in the error.</summary>
    public async Task<ByteString> SignAsync(ReadOnlyMemory<byte> message, string step, CancellationToken cancellationToken)
    {
        if (_signer is null)
        {
            throw new InvalidOperationException(
                $"The {step} is not signed and the gateway has no signer: sign its Digest offline and attach the signature with IGateway.NewSigned{step}.");
        }

        var signature = await _signer.SignAsync(Digest(message.Span), cancellationToken).ConfigureAwait(false);
        return ByteString.CopyFrom(signature);
    }
}
