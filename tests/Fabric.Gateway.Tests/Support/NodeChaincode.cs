using System.Net;
using System.Net.Sockets;
using TestSupport;

namespace Fabric.Gateway.Tests.Support;

/// <summary>The official fabric-shim chaincode tests/interop/devnet/chaincode/devnetcc.js, running as a service.</summary>
public sealed class NodeChaincode : IAsyncDisposable
{
    private readonly NodeProcess _process;

    private NodeChaincode(NodeProcess process, string address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>host:port the chaincode listens on.</summary>
    public string Address { get; }

    public static async Task<NodeChaincode> StartAsync(string packageId)
    {
        var address = $"127.0.0.1:{FreePort()}";
        var process = NodeProcess.Start("devnet/chaincode/start.js", [packageId, address]);
        try
        {
            await process.WaitForLineAsync(l => l.StartsWith("listening", StringComparison.Ordinal), TestTimeouts.Long);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new NodeChaincode(process, address);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
