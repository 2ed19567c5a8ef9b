using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>An endorsed transaction envelope, signed lazily or restored with an offline signature.</summary>
internal sealed class TransactionImpl : ITransaction
{
    private readonly GatewayImpl _gateway;
    private readonly string _channel;
    private readonly string? _chaincode;
    private readonly LazySignature _signed;

    public TransactionImpl(GatewayImpl gateway, PreparedTransaction prepared)
    {
        _gateway = gateway;
        TransactionId = prepared.TransactionId;
        try
        {
            var header = TransactionParts.ChannelHeaderOf(prepared.Envelope);
            _channel = header.ChannelId;
            _chaincode = ProposalBuilder.ChaincodeOf(header);
            Result = TransactionParts.ResponseOf(TransactionParts.EndorsedActionOf(prepared.Envelope)).Payload.Memory;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            throw new ArgumentException("The transaction bytes do not hold an endorsed Fabric transaction: " + e.Message, nameof(prepared), e);
        }

        _signed = new LazySignature(gateway.Signing, prepared.Envelope.Payload, prepared.Envelope.Signature, "Transaction");
    }

    public string TransactionId { get; }

    public ReadOnlyMemory<byte> Result { get; }

    public ReadOnlyMemory<byte> Bytes => new PreparedTransaction { TransactionId = TransactionId, Envelope = Envelope(_signed.Current) }.ToByteArray();

    public ReadOnlyMemory<byte> Digest => _signed.Digest;

    public Task<ISubmittedTransaction> SubmitAsync(CancellationToken cancellationToken = default) => SubmitAsync(null, cancellationToken);

    public async Task<ISubmittedTransaction> SubmitAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default)
    {
        var signature = await _signed.GetAsync(cancellationToken).ConfigureAwait(false);
        var request = new SubmitRequest { TransactionId = TransactionId, ChannelId = _channel, PreparedTransaction = Envelope(signature) };
        await _gateway.CallAsync(
            GatewayMethods.Submit, request, new GatewayCall(GatewayOperation.Submit, _channel, _chaincode, TransactionId), _gateway.Options.SubmitTimeout, callOptions, cancellationToken).ConfigureAwait(false);
        return new CommitImpl(_gateway, NetworkImpl.BuildCommitRequest(_gateway, _channel, TransactionId), Result, _chaincode);
    }

    private Envelope Envelope(ByteString signature) => new() { Payload = _signed.Message, Signature = signature };
}
