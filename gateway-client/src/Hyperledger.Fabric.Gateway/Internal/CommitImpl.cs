using Google.Protobuf;
using Hyperledger.Fabric.Protos.Gateway;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>A commit-status request, signed lazily or restored with an offline signature.</summary>
internal sealed class CommitImpl : ISubmittedTransaction
{
    private readonly GatewayImpl _gateway;
    private readonly ByteString _request;
    private readonly string _channel;
    private readonly string? _chaincode;
    private ByteString _signature;

    public CommitImpl(GatewayImpl gateway, SignedCommitStatusRequest signed, ReadOnlyMemory<byte> result, string? chaincode = null)
    {
        _gateway = gateway;
        _chaincode = chaincode;
        _request = signed.Request;
        _signature = signed.Signature;
        Result = result;
        try
        {
            var request = CommitStatusRequest.Parser.ParseFrom(_request);
            TransactionId = request.TransactionId;
            _channel = request.ChannelId;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException("The bytes do not hold a commit-status request: " + e.Message, nameof(signed), e);
        }

        Digest = gateway.Signing.Digest(_request.Span);
    }

    public string TransactionId { get; }

    public ReadOnlyMemory<byte> Result { get; }

    public ReadOnlyMemory<byte> Bytes => new SignedCommitStatusRequest { Request = _request, Signature = Volatile.Read(ref _signature) }.ToByteArray();

    public ReadOnlyMemory<byte> Digest { get; }

    public Task<CommitStatus> GetStatusAsync(CancellationToken cancellationToken = default) => GetStatusAsync(null, cancellationToken);

    public async Task<CommitStatus> GetStatusAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default)
    {
        var signature = Volatile.Read(ref _signature);
        if (signature.IsEmpty)
        {
            signature = await _gateway.Signing.SignAsync(_request.Memory, "Commit", cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _signature, signature);
        }

        var response = await _gateway.CallAsync(
            GatewayMethods.CommitStatus, new SignedCommitStatusRequest { Request = _request, Signature = signature },
            new GatewayCall(GatewayOperation.CommitStatus, _channel, _chaincode, TransactionId), _gateway.Options.CommitStatusTimeout, callOptions, cancellationToken,
            static (response, activity) => activity?.SetTag(GatewayTelemetry.ValidationCodeTag, response.Result.ToString())).ConfigureAwait(false);
        GatewayLog.Committed(_gateway.Logger, TransactionId, response.BlockNumber, response.Result);
        return new CommitStatus(TransactionId, response.Result, response.BlockNumber);
    }
}
