using Fabric.DevNetwork.Peers.Internal;
using Grpc.Core;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Gateway.Internal;

internal sealed partial class GatewayService
{
    private async Task ChaincodeEventsAsync(SignedChaincodeEventsRequest signed, IServerStreamWriter<ChaincodeEventsResponse> writer, CancellationToken cancellationToken)
    {
        var request = ParseSignedRequest(signed.Request, ChaincodeEventsRequest.Parser, "a chaincode events request is required", "invalid chaincode events request: ");
        CheckAcl(ChannelAcls.GatewayChaincodeEvents, request.ChannelId, request.Identity, signed.Request, signed.Signature);
        var start = StartBlock(request);
        var afterTx = request.AfterTransactionId;
        var passedAfterTx = string.IsNullOrEmpty(afterTx);
        await foreach (var block in _local.Ledger.ReadBlocksAsync(start, cancellationToken).ConfigureAwait(false))
        {
            var response = new ChaincodeEventsResponse { BlockNumber = block.Number };
            foreach (var transaction in block.Transactions)
            {
                if (transaction.Event is not { } chaincodeEvent || transaction.Code != TxValidationCode.Valid)
                {
                    continue;
                }

                // Events up to and including the named transaction have already been seen by the caller.
                if (!passedAfterTx)
                {
                    passedAfterTx = chaincodeEvent.TxId == afterTx;
                    continue;
                }

                if (chaincodeEvent.ChaincodeId == request.ChaincodeId)
                {
                    response.Events.Add(chaincodeEvent);
                }
            }

            if (response.Events.Count > 0)
            {
                await writer.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private ulong StartBlock(ChaincodeEventsRequest request)
    {
        if (!string.IsNullOrEmpty(request.AfterTransactionId) && _local.Ledger.FindTransaction(request.AfterTransactionId) is { } commit)
        {
            return commit.BlockNumber;
        }

        var position = request.StartPosition;
        return position?.TypeCase switch
        {
            null or SeekPosition.TypeOneofCase.None or SeekPosition.TypeOneofCase.NextCommit => _local.Ledger.Height,
            SeekPosition.TypeOneofCase.Specified => position.Specified.Number,
            // Fabric's gateway accepts only "next commit" and "specified"; oldest/newest are refused.
            SeekPosition.TypeOneofCase.Oldest => throw GatewayErrors.Create(StatusCode.InvalidArgument, "invalid start position type: *orderer.SeekPosition_Oldest"),
            SeekPosition.TypeOneofCase.Newest => throw GatewayErrors.Create(StatusCode.InvalidArgument, "invalid start position type: *orderer.SeekPosition_Newest"),
            _ => throw GatewayErrors.Create(StatusCode.InvalidArgument, $"invalid start position type: {position.TypeCase}"),
        };
    }
}
