using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fabric.Grpc;
using Fabric.Grpc.Interop;
using Fabric.Grpc.Server;
using TestSupport;

namespace Benchmarks.Suites;

/// <summary>
/// Our gRPC transport beside the official @grpc/grpc-js, on loopback plaintext HTTP/2 in the same
/// run: sequential unary round trips per second and server-streamed messages per second.
/// </summary>
public sealed class GrpcTransportSuite : IBenchmarkSuite
{
    private const string Ours = "Fabric.Grpc";
    private const string Node = "@grpc/grpc-js";

    /// <inheritdoc />
    public string Name => "grpc-transport";

    /// <inheritdoc />
    public async Task<string> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var ourServer = new GrpcServer(new GrpcServerOptions());
        EchoBenchService.Register(ourServer);
        await ourServer.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var nodeServer = NodeProcess.Start("grpc/echo-server.js", []);
        var portLine = await nodeServer.WaitForLineAsync(l => l.StartsWith("PORT ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var nodePort = int.Parse(portLine.AsSpan(5).Trim(), CultureInfo.InvariantCulture);
        var servers = new Dictionary<string, int> { [Ours] = ourServer.Port, [Node] = nodePort };

        var results = new List<(string Mode, string Client, string Server, double PerSecond)>();
        foreach (var mode in new[] { "unary", "stream" })
        {
            foreach (var (client, server) in new[] { (Ours, Ours), (Node, Node), (Ours, Node), (Node, Ours) })
            {
                cancellationToken.ThrowIfCancellationRequested();
                context.Progress.WriteLine($"  {mode}: {client} -> {server}");
                var target = $"127.0.0.1:{servers[server]}";
                var perSecond = client == Ours
                    ? await MeasureOursAsync(mode, target, context, cancellationToken).ConfigureAwait(false)
                    : await MeasureNodeAsync(mode, target, context).ConfigureAwait(false);
                results.Add((mode, client, server, perSecond));
            }
        }

        return Render(results, context);
    }

    private static async Task<double> MeasureOursAsync(string mode, string target, BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress("http://" + target);
        var measure = mode == "unary" ? (Func<GrpcChannel, TimeSpan, CancellationToken, Task<(long, TimeSpan)>>)UnaryLoopAsync : StreamAsync;
        await measure(channel, context.WarmupTime, cancellationToken).ConfigureAwait(false);
        var (count, elapsed) = await measure(channel, context.MeasurementTime, cancellationToken).ConfigureAwait(false);
        return count / elapsed.TotalSeconds;
    }

    private static async Task<(long, TimeSpan)> UnaryLoopAsync(GrpcChannel channel, TimeSpan duration, CancellationToken cancellationToken)
    {
        var request = new EchoRequest { Message = "ping" };
        var options = new CallOptions { CancellationToken = cancellationToken };
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed < duration)
        {
            await channel.UnaryAsync(EchoBenchService.Unary, request, options).ConfigureAwait(false);
            count++;
        }

        return (count, watch.Elapsed);
    }

    private static async Task<(long, TimeSpan)> StreamAsync(GrpcChannel channel, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var call = channel.ServerStreaming(EchoBenchService.ServerStream, new EchoRequest { Message = "stream", Count = int.MaxValue }, new CallOptions { CancellationToken = cancellationToken });
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed < duration && await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return (count, watch.Elapsed);
    }

    private static async Task<double> MeasureNodeAsync(string mode, string target, BenchmarkContext context)
    {
        string[] arguments =
        [
            "--target", target, "--mode", mode,
            "--seconds", context.MeasurementTime.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--warmup", context.WarmupTime.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        ];
        var output = await NodeInterop.RunAsync("grpc/bench-client.js", arguments, context.MeasurementTime + TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        using var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        return json.RootElement.GetProperty("perSecond").GetDouble();
    }

    private static string Render(List<(string Mode, string Client, string Server, double PerSecond)> results, BenchmarkContext context)
    {
        var text = new StringBuilder();
        text.AppendLine("## grpc-transport").AppendLine();
        text.AppendLine("Our transport (Fabric.Grpc client on HttpClient, Fabric.Grpc.Server on Kestrel) beside the official");
        text.AppendLine("Node gRPC (`@grpc/grpc-js`), all on one machine, loopback, plaintext HTTP/2, one connection per client.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Unary: sequential round trips of a small message. Stream: one server-streaming call, small messages, counted for {context.MeasurementTime.TotalSeconds:0.#} s.");
        text.AppendLine().AppendLine("| measurement | client | server | per second |").AppendLine("| --- | --- | --- | ---: |");
        foreach (var r in results)
        {
            var name = r.Mode == "unary" ? "unary round trips" : "streamed messages";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {r.Client} | {r.Server} | {r.PerSecond:N0} |");
        }

        text.AppendLine().AppendLine("| measurement | ours / grpc-js (client and server both) |").AppendLine("| --- | ---: |");
        foreach (var mode in new[] { "unary", "stream" })
        {
            var ours = results.Single(r => r.Mode == mode && r.Client == Ours && r.Server == Ours).PerSecond;
            var node = results.Single(r => r.Mode == mode && r.Client == Node && r.Server == Node).PerSecond;
            var name = mode == "unary" ? "unary round trips" : "streamed messages";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {ours / node:0.00}x |");
        }

        return text.ToString();
    }
}
