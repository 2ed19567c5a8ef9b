using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>
/// The unsigned payload of a block-events request, as the official clients build it: a DELIVER_SEEK_INFO
/// channel header stamped now, the creator, and a seek from the start (or the next commit) to the last
/// possible block, waiting for blocks not yet committed.
/// </summary>
internal static class BlockEventsEnvelopes
{
    public static ByteString Payload(string channel, ByteString creator, ulong? startBlock)
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.DeliverSeekInfo,
            ChannelId = channel,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            Epoch = 0,
        };
        var signatureHeader = new SignatureHeader { Creator = creator, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) };
        var seek = new SeekInfo
        {
            Start = startBlock is { } block ? new SeekPosition { Specified = new SeekSpecified { Number = block } } : new SeekPosition { NextCommit = new SeekNextCommit() },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = ulong.MaxValue } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        return new Payload
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() },
            Data = seek.ToByteString(),
        }.ToByteString();
    }
}
