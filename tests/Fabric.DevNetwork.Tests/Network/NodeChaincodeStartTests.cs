using System.Net;
using System.Net.Sockets;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>Starting the Node chaincode survives its picked port being taken before the child binds it.</summary>
public sealed class NodeChaincodeStartTests
{
    [Fact]
    public async Task StartOnFreePortAsync_PickedPortTaken_StartsOnAFreshPort()
    {
        // another process holds the first pick, as when it grabs the port between the pick and the bind
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var picks = new Queue<int>([taken]);

        await using var chaincode = await NodeChaincode.StartOnFreePortAsync(
            "devnetcc_1.0:dev", () => picks.Count > 0 ? picks.Dequeue() : FreePorts.Next());

        Assert.Empty(picks);
        Assert.NotEqual($"127.0.0.1:{taken}", chaincode.Address);
        using var probe = new TcpClient();
        await probe.ConnectAsync(IPEndPoint.Parse(chaincode.Address));
        Assert.True(probe.Connected);
    }

    [Fact]
    public async Task StartAsync_FixedPortTaken_FailsWithTheChildsError()
    {
        // a caller-chosen port is not replaced: the caller asked for that one
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeChaincode.StartAsync(port: taken));

        Assert.Contains($"127.0.0.1:{taken}", error.Message, StringComparison.Ordinal);
    }
}
