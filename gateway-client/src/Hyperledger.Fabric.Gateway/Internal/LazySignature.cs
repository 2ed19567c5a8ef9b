using Google.Protobuf;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>
/// The signed part of a client request (proposal, transaction, commit-status or chaincode-events request):
/// its bytes, their digest (what an offline signer signs), and the signature. The signature is either the
/// one the request was restored with (offline signing) or made by the gateway's signer on first use and
/// then kept, so a request that is sent again is not signed again.
/// </summary>
internal sealed class LazySignature
{
    private readonly SigningContext _signing;
    private readonly string _step;
    private ByteString _signature;

    /// <param name="signing">The gateway's identity, hash and signer.</param>
    /// <param name="message">The bytes that are signed.</param>
    /// <param name="signature">The offline signature, or empty to sign on first use.</param>
    /// <param name="step">What the request is called in the error when there is neither (see <see cref="SigningContext.SignAsync"/>).</param>
    public LazySignature(SigningContext signing, ByteString message, ByteString signature, string step)
    {
        _signing = signing;
        _step = step;
        _signature = signature;
        Message = message;
        Digest = signing.Digest(message.Span);
    }

    /// <summary>The bytes that are signed.</summary>
    public ByteString Message { get; }

    /// <summary>The digest of <see cref="Message"/>, for an offline signer.</summary>
    public ReadOnlyMemory<byte> Digest { get; }

    /// <summary>The signature as it stands: empty until the request is signed.</summary>
    public ByteString Current => Volatile.Read(ref _signature);

    /// <summary>
    /// Reads the signed bytes of a request restored from elsewhere (offline signing); bytes that are not a
    /// <typeparamref name="T"/> are the caller's mistake, reported as an argument error naming <paramref name="what"/>.
    /// </summary>
    public static T Parse<T>(MessageParser<T> parser, ByteString message, string what, string parameter)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(message);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"The bytes do not hold {what}: " + e.Message, parameter, e);
        }
    }

    /// <summary>The signature, made with the gateway's signer the first time it is needed.</summary>
    public async Task<ByteString> GetAsync(CancellationToken cancellationToken)
    {
        var signature = Volatile.Read(ref _signature);
        if (signature.IsEmpty)
        {
            // Two first uses racing may both sign; each signature is valid, and one of them is kept.
            signature = await _signing.SignAsync(Message.Memory, _step, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _signature, signature);
        }

        return signature;
    }
}
