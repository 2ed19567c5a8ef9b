using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fabric.DevNetwork;
using TestSupport;

namespace Benchmarks.Suites;

/// <summary>
/// Our gateway client (Hyperledger.Fabric.Gateway on Grpc.Net.Client) beside the official Node client
/// (@hyperledger/fabric-gateway) on one dev network: committed tx/s under the same closed-loop load,
/// evaluate latency, and client CPU per submitted transaction. Each client runs in a child process of
/// its own, so its process CPU time is the client's alone.
/// </summary>
public sealed class GatewayClientSuite : IBenchmarkSuite
{
    private const int InFlight = 32;
    private const string Chaincode = "devnetcc";

    /// <inheritdoc />
    public string Name => "gateway-client";

    /// <inheritdoc />
    public async Task<string> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var data = new TemporaryDirectory();
        // Registers with the package id a devnetcc definition of version 1.0 expects.
        await using var chaincode = await NodeChaincode.StartAsync().ConfigureAwait(false);
        await using var network = await DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = data.Path,
            Chaincodes = [new ChaincodeDefinition { Name = Chaincode, Address = chaincode.Address }],
        }, cancellationToken).ConfigureAwait(false);
        var config = await WriteConfigAsync(network, data.Path).ConfigureAwait(false);
        string[] load =
        [
            config,
            context.WarmupTime.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            context.MeasurementTime.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            InFlight.ToString(CultureInfo.InvariantCulture),
        ];
        var timeout = (context.MeasurementTime * 2) + TimeSpan.FromMinutes(3);

        // A fresh network is cold (JIT in the peers, the chaincode's first calls): an unmeasured run first, so
        // that neither client is measured against a cold network just because it goes first.
        context.Progress.WriteLine("  warming the network up (unmeasured)");
        string[] warm = [config, load[1], load[1], load[3]];
        _ = await RunOursAsync(warm, timeout, cancellationToken).ConfigureAwait(false);
        context.Progress.WriteLine($"  C# Hyperledger.Fabric.Gateway: {InFlight} in flight, then evaluates (child process)");
        var ours = Parse(await RunOursAsync(load, timeout, cancellationToken).ConfigureAwait(false));
        context.Progress.WriteLine($"  Node @hyperledger/fabric-gateway: {InFlight} in flight, then evaluates (child process)");
        var node = Parse(await NodeInterop.RunAsync("devnet/bench-client.js", load, timeout).ConfigureAwait(false));

        var md = new StringBuilder();
        md.AppendLine("## Gateway clients").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Our client (`Hyperledger.Fabric.Gateway` on Grpc.Net.Client, `IContract.SubmitAsync` then `GetStatusAsync`) and the official Node client (`@hyperledger/fabric-gateway` 1.11 on `@grpc/grpc-js`, `submitAsync` then `getStatus`) against one dev network (two organisations, TLS, the Node `devnetcc` chaincode; blocks of 10 or 2 s), one after the other, after an unmeasured run that warms the network up. Each client is a child process of its own with one connection to Org1's peer: {InFlight} workers submit and wait for the commit status without pause; commits completing inside the {context.MeasurementTime.TotalSeconds:0.#} s window after a {context.WarmupTime.TotalSeconds:0.#} s warm-up count. Client CPU is that process's user + system time over the same window (`Process.TotalProcessorTime`, `process.cpuUsage()`), divided by the transactions committed in it. Evaluate latency: sequential `get` calls for the next window.").AppendLine();
        md.AppendLine("| measurement | Hyperledger.Fabric.Gateway (C#) | @hyperledger/fabric-gateway (Node) | C# / Node |").AppendLine("| --- | ---: | ---: | ---: |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| committed tx/s ({ours.Committed} / {node.Committed} txs; {ours.Invalid} / {node.Invalid} not VALID) | {ours.Rate:0.0} | {node.Rate:0.0} | {ours.Rate / node.Rate:0.00}x |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| client CPU per submitted tx | {ours.CpuPerTx:0} µs | {node.CpuPerTx:0} µs | {ours.CpuPerTx / node.CpuPerTx:0.00}x |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| evaluate latency p50 ({ours.Evaluates} / {node.Evaluates} calls) | {ours.P50:0.00} ms | {node.P50:0.00} ms | {ours.P50 / node.P50:0.00}x |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| evaluate latency p99 | {ours.P99:0.00} ms | {node.P99:0.00} ms | {ours.P99 / node.P99:0.00}x |");
        md.AppendLine();
        md.AppendLine("The peers, orderer, committer and chaincode run on the same cores as the client being measured, so the committed rate is bounded by the network as much as by the client; the CPU per transaction is the client's own cost.");
        return md.ToString();
    }

    private static async Task<string> WriteConfigAsync(DevNetwork network, string folder)
    {
        var peer = network.Peers[0];
        var user = network.Crypto.GetOrganization(peer.MspId).GetUser("User1");
        var config = Path.Combine(folder, "gateway-client.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["url"] = peer.Url,
            ["tlsCaPath"] = peer.TlsCaCertificatePath,
            ["hostOverride"] = peer.Name,
            ["mspId"] = peer.MspId,
            ["certPath"] = user.SigningCertificatePath,
            ["keyPath"] = user.PrivateKeyPath,
            ["channel"] = network.ChannelId,
            ["chaincode"] = Chaincode,
        })).ConfigureAwait(false);
        return config;
    }

    /// <summary>Runs this harness again as <c>--client-load</c> (<see cref="GatewayClientLoad"/>) and returns its last output line.</summary>
    private static async Task<string> RunOursAsync(string[] load, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(GatewayClientSuite).Assembly.Location);
        }

        start.ArgumentList.Add("--client-load");
        foreach (var argument in load)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the client process");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the C# client load did not finish within {timeout}");
        }

        return process.ExitCode == 0
            ? await stdout.ConfigureAwait(false)
            : throw new InvalidOperationException($"the C# client load exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
    }

    private static ClientResult Parse(string output)
    {
        var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        double Get(string name) => json.GetProperty(name).GetDouble();
        return new ClientResult((int)Get("committed"), (int)Get("invalid"), Get("seconds"), Get("cpuMicros"), (int)Get("evaluates"), Get("evaluateP50Ms"), Get("evaluateP99Ms"));
    }

    private sealed record ClientResult(int Committed, int Invalid, double Seconds, double CpuMicros, int Evaluates, double P50, double P99)
    {
        public double Rate => Committed / Seconds;

        public double CpuPerTx => Committed == 0 ? double.NaN : CpuMicros / Committed;
    }
}
