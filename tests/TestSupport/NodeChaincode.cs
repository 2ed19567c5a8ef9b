namespace TestSupport;

/// <summary>The official fabric-shim chaincode tests/interop/devnet/chaincode/devnetcc.js, running as a service.</summary>
public sealed class NodeChaincode : IAsyncDisposable
{
    // fabric-shim cannot listen on port 0 and report the port back, so a picked port can be taken before
    // the child binds it; a few fresh picks make that race harmless without hiding a real failure.
    private const int PortAttempts = 5;

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
    public static Task<NodeChaincode> StartAsync(string packageId = "devnetcc_1.0:dev", int? port = null) =>
        port is { } fixedPort ? StartOnceOrThrowAsync(packageId, fixedPort) : StartOnFreePortAsync(packageId, FreePorts.Next);

    /// <summary>
    /// Starts it on a port from <paramref name="nextPort"/>, picking again (a bounded number of times) when the
    /// port was taken between the pick and the child's bind.
    /// </summary>
    public static async Task<NodeChaincode> StartOnFreePortAsync(string packageId, Func<int> nextPort)
    {
        ArgumentNullException.ThrowIfNull(nextPort);
        var failures = new List<string>();
        for (var attempt = 0; attempt < PortAttempts; attempt++)
        {
            var (chaincode, failure) = await TryStartAsync(packageId, nextPort()).ConfigureAwait(false);
            if (chaincode is not null)
            {
                return chaincode;
            }

            failures.Add(failure!);
            if (!IsAddressInUse(failure!))
            {
                break;
            }
        }

        throw new InvalidOperationException($"Node chaincode did not start: {string.Join(" | ", failures)}");
    }

    /// <summary>Stops the chaincode process.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<NodeChaincode> StartOnceOrThrowAsync(string packageId, int port)
    {
        var (chaincode, failure) = await TryStartAsync(packageId, port).ConfigureAwait(false);
        return chaincode ?? throw new InvalidOperationException($"Node chaincode did not start: {failure}");
    }

    // grpc-js reports a taken port as EADDRINUSE inside "No address added out of total ... resolved".
    private static bool IsAddressInUse(string failure) =>
        failure.Contains("EADDRINUSE", StringComparison.Ordinal) || failure.Contains("No address added", StringComparison.Ordinal);

    private static async Task<(NodeChaincode? Chaincode, string? Failure)> TryStartAsync(string packageId, int port)
    {
        var address = $"127.0.0.1:{port}";
        var process = NodeProcess.Start("devnet/chaincode/start.js", [packageId, address]);
        try
        {
            var listening = process.WaitForLineAsync(l => l.StartsWith("listening", StringComparison.Ordinal), TestTimeouts.Long);
            var exited = process.ExitedAsync();
            if (await Task.WhenAny(listening, exited).ConfigureAwait(false) == listening)
            {
                await listening.ConfigureAwait(false);
                return (new NodeChaincode(process, address), null);
            }

            var failure = $"{address}: {process.StandardError}";
            await process.DisposeAsync().ConfigureAwait(false);
            return (null, failure);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
