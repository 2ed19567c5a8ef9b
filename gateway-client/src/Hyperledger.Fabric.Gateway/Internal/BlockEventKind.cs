using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>One form of block events: the Deliver call that serves it and how to read its responses.</summary>
internal sealed record BlockEventKind<TEvent>(string Name, Method<Envelope, DeliverResponse> Method, Func<DeliverResponse, TEvent?> Extract, Func<TEvent, ulong> Number)
    where TEvent : class;

/// <summary>The three forms.</summary>
internal static class BlockEventKinds
{
    public static BlockEventKind<Block> Blocks { get; } =
        new("block events", DeliverMethods.Deliver, r => r.TypeCase == DeliverResponse.TypeOneofCase.Block ? r.Block : null, b => b.Header.Number);

    public static BlockEventKind<FilteredBlock> Filtered { get; } =
        new("filtered block events", DeliverMethods.DeliverFiltered, r => r.TypeCase == DeliverResponse.TypeOneofCase.FilteredBlock ? r.FilteredBlock : null, b => b.Number);

    public static BlockEventKind<BlockAndPrivateData> WithPrivateData { get; } =
        new("block and private data events", DeliverMethods.DeliverWithPrivateData,
            r => r.TypeCase == DeliverResponse.TypeOneofCase.BlockAndPrivateData ? r.BlockAndPrivateData : null, b => b.Block.Header.Number);
}
