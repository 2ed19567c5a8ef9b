using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>
/// What the peer offered in READY. Fabric 3.x puts a <c>ChaincodeAdditionalParams</c> in the payload
/// (write batching, multi-key reads, each with a maximum size); Fabric 2.5 sends an empty payload, and
/// then every write and read is its own request.
/// </summary>
internal sealed record PeerFeatures(bool UseWriteBatch, int MaxWriteBatch, bool UseGetMultipleKeys, int MaxGetMultipleKeys)
{
    /// <summary>A 2.5 peer: single requests only.</summary>
    public static PeerFeatures None { get; } = new(false, 0, false, 0);

    /// <summary>Reads READY's payload; an empty or undecodable one means no batching (single requests work with every peer).</summary>
    public static PeerFeatures FromReady(ByteString payload)
    {
        if (payload.IsEmpty)
        {
            return None;
        }

        try
        {
            var p = ChaincodeAdditionalParams.Parser.ParseFrom(payload);
            return new PeerFeatures(p.UseWriteBatch, ClampSize(p.MaxSizeWriteBatch), p.UseGetMultipleKeys, ClampSize(p.MaxSizeGetMultipleKeys));
        }
        catch (InvalidProtocolBufferException)
        {
            return None;
        }
    }

    // 0 means "no limit announced"; the shim then sends everything in one message, as the Go shim does.
    private static int ClampSize(uint size) => size > int.MaxValue ? int.MaxValue : (int)size;
}
