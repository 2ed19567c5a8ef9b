using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Tests.Network.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using TestSupport;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>The orderer's size filter (msgprocessor's MaxBytesRule) on a network with a small AbsoluteMaxBytes.</summary>
public sealed class OrdererBroadcastLimitTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    [Fact]
    public async Task Broadcast_LargerThanAbsoluteMaxBytes_BadRequestWithFabricsText()
    {
        var batch = new BatchOptions { AbsoluteMaxBytes = 64 * 1024, PreferredMaxBytes = 32 * 1024 };
        await using var network = await DevNetwork.StartAsync(new DevNetworkOptions { DataDirectory = _data.Path, Batch = batch }).WithTimeout();
        using var orderer = new RawOrdererClient(network);
        var envelope = orderer.Signed(HeaderType.EndorserTransaction, ByteString.CopyFrom(new byte[70 * 1024]));

        var (responses, ended) = await orderer.BroadcastAsync(envelope).WithTimeout();

        var response = Assert.Single(responses);
        Assert.Equal(Status.BadRequest, response.Status);
        Assert.Matches(@"^message payload is \d+ bytes and exceeds maximum allowed 65536 bytes$", response.Info);
        Assert.True(ended);
        Assert.Equal(1UL, network.OrdererHeight);
    }

    public void Dispose() => _data.Dispose();
}
