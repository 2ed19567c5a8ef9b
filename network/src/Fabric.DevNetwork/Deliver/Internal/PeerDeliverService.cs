using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Peers.Internal;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Deliver.Internal;

/// <summary>
/// One peer's <c>protos.Deliver</c> service: its own committed blocks (TRANSACTIONS_FILTER and commit hash
/// filled in), so a peer that lags delivers less. Deliver sends whole blocks, DeliverFiltered Fabric's
/// filtered blocks, DeliverWithPrivateData the block with the private data the peer holds for it.
/// </summary>
internal sealed class PeerDeliverService : Hyperledger.Fabric.Protos.Peer.Deliver.DeliverBase
{
    private static readonly Grpc.Core.Status Stopping = new(StatusCode.Unavailable, "the peer is stopping");

    private readonly DeliverHandler _handler;
    private readonly ChannelAcls _acls;
    private readonly LedgerBlockSource _source;
    private readonly IBlockPrivateDataSource _privateData;
    private readonly CancellationToken _stopping;

    /// <param name="acls">The channel's ACL table, which names the policy of each call's resource.</param>
    /// <param name="stopping">Fires when the peer stops: open streams then end with UNAVAILABLE.</param>
    public PeerDeliverService(DeliverHandler handler, ChannelAcls acls, IChannelLedger ledger, IBlockPrivateDataSource privateData, CancellationToken stopping)
    {
        _handler = handler;
        _acls = acls;
        _source = new LedgerBlockSource(ledger);
        _privateData = privateData;
        _stopping = stopping;
    }

    public override Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        ServeAsync(requestStream, responseStream, context, ChannelAcls.EventBlock, (block, _) => new DeliverResponse { Block = block });

    public override Task DeliverFiltered(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        ServeAsync(requestStream, responseStream, context, ChannelAcls.EventFilteredBlock, (block, _) => new DeliverResponse { FilteredBlock = FilteredBlocks.From(block, _source.ChannelId) });

    public override Task DeliverWithPrivateData(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        ServeAsync(requestStream, responseStream, context, ChannelAcls.EventBlock, (block, creator) =>
        {
            var withPrivateData = new BlockAndPrivateData { Block = block };
            foreach (var (index, rwset) in _privateData.GetPrivateData(block.Header.Number, creator))
            {
                withPrivateData.PrivateDataMap.Add(index, rwset);
            }

            return new DeliverResponse { BlockAndPrivateData = withPrivateData };
        });

    private async Task ServeAsync(
        IAsyncStreamReader<Envelope> requests, IServerStreamWriter<DeliverResponse> responses, ServerCallContext context, string resource,
        Func<Block, ByteString, DeliverResponse> shape)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping);
        try
        {
            await _handler.HandleAsync(
                requests,
                _acls.Resolve(resource).Path,
                _source,
                (block, creator, token) => responses.WriteAsync(shape(block, creator), token),
                (status, token) => responses.WriteAsync(new DeliverResponse { Status = status }, token),
                linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (_stopping.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            throw new RpcException(Stopping);
        }
    }

    /// <summary>The peer's ledger as a deliver source.</summary>
    private sealed class LedgerBlockSource(IChannelLedger ledger) : IDeliverBlockSource
    {
        public string ChannelId => ledger.ChannelId;

        public ulong Height => ledger.Height;

        public async IAsyncEnumerable<Block> ReadBlocksAsync(ulong startBlock, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var committed in ledger.ReadBlocksAsync(startBlock, cancellationToken).ConfigureAwait(false))
            {
                yield return committed.Block;
            }
        }
    }
}
