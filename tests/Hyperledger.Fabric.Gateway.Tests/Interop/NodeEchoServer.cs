using System.Globalization;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests.Interop;

/// <summary>tests/interop/grpc/echo-server.js (the official @grpc/grpc-js server) on an ephemeral loopback port.</summary>
public sealed class NodeEchoServer : IAsyncDisposable
{
    private readonly NodeProcess _process;

    private NodeEchoServer(NodeProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<NodeEchoServer> StartAsync(params string[] arguments)
    {
        var process = NodeProcess.Start("grpc/echo-server.js", arguments);
        try
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith("PORT ", StringComparison.Ordinal), TestTimeouts.Long);
            return new NodeEchoServer(process, int.Parse(line.AsSpan(5).Trim(), CultureInfo.InvariantCulture));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
