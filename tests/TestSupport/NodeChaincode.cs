namespace TestSupport;

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

    /// <summary>
    /// Starts it on <paramref name="port"/> (a free one when null) and waits until it listens. It registers with
    /// <paramref name="packageId"/>, by default what a <c>devnetcc</c> definition of version 1.0 expects.
    /// </summary>
    public static async Task<NodeChaincode> StartAsync(string packageId = "devnetcc_1.0:dev", int? port = null)
    {
        var address = $"127.0.0.1:{port ?? FreePorts.Next()}";
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

    /// <summary>Stops the chaincode process.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
