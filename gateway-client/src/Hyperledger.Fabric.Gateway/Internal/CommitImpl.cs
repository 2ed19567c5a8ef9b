using Google.Protobuf;
using Hyperledger.Fabric.Protos.Gateway;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>A commit-status request, signed lazily or restored with an offline signature.</summary>
internal sealed class CommitImpl : ISubmittedTransaction
{
    private readonly GatewayImpl _gateway;
    private readonly LazySignature _signed;
    private readonly string _channel;
    private readonly string? _chaincode;

    public CommitImpl(GatewayImpl gateway, SignedCommitStatusRequest signed, ReadOnlyMemory<byte> result, string? chaincode = null)
    {
        _gateway = gateway;
        _chaincode = chaincode;
        Result = result;
        var request = LazySignature.Parse(CommitStatusRequest.Parser, signed.Request, "a commit-status request", nameof(signed));
        TransactionId = request.TransactionId;
        _channel = request.ChannelId;
        _signed = new LazySignature(gateway.Signing, signed.Request, signed.Signature, "Commit");
    }

    public string TransactionId { get; }

    public ReadOnlyMemory<byte> Result { get; }

    public ReadOnlyMemory<byte> Bytes => new SignedCommitStatusRequest { Request = _signed.Message, Signature = _signed.Current }.ToByteArray();

    public ReadOnlyMemory<byte> Digest => _signed.Digest;

    public Task<CommitStatus> GetStatusAsync(CancellationToken cancellationToken = default) => GetStatusAsync(null, cancellationToken);

    public async Task<CommitStatus> GetStatusAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default)
    {
        var signature = await _signed.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await _gateway.CallAsync(
            GatewayMethods.CommitStatus, new SignedCommitStatusRequest { Request = _signed.Message, Signature = signature },
            new GatewayCall(GatewayOperation.CommitStatus, _channel, _chaincode, TransactionId), _gateway.Options.CommitStatusTimeout, callOptions, cancellationToken,
            static (response, activity) => activity?.SetTag(GatewayTelemetry.ValidationCodeTag, response.Result.ToString())).ConfigureAwait(false);
        GatewayLog.Committed(_gateway.Logger, TransactionId, response.BlockNumber, response.Result);
        return new CommitStatus(TransactionId, response.Result, response.BlockNumber);
    }
}
