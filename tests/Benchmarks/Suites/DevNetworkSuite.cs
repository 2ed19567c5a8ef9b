using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.DevNetwork;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Peer;
using Benchmarks.Suites.Internal;
using TestSupport;

namespace Benchmarks.Suites;

/// <summary>
/// The dev network end to end over TLS with the Node fabric-shim chaincode as a service: committed
/// transactions per second with many in flight (our minimal client, then the official Node gateway
/// client), evaluate latency percentiles, and the ECDSA cost per transaction (the crypto bound).
/// </summary>
public sealed class DevNetworkSuite : IBenchmarkSuite
{
    private const int InFlight = 32;

    // After the measured load at InFlight, the same closed loop at these counts: more in flight fill blocks of
    // 10 sooner, which raises the rate only while the cores still have time to spare.
    private static readonly int[] s_sweptInFlight = [64, 128, 256];
    private const string Chaincode = "devnetcc";

    // Per committed transaction: client signs proposal, envelope, commit-status request; two endorsers sign.
    private const int SignsPerTx = 5;

    // Two endorsers check the proposal, the orderer filter the envelope, validation the creator and two
    // endorsements, the gateway the commit-status request.
    private const int VerifiesPerTx = 7;

    // Before any window, an unmeasured load of this many commits (or WarmupCap, whichever comes first):
    // a few seconds of warm-up at a few transactions per second on a loaded machine leaves most of the
    // hot path to be compiled inside the window, where JIT time was most of the CPU per transaction.
    private const int WarmupTransactions = 1000;
    private static readonly TimeSpan WarmupCap = TimeSpan.FromSeconds(60);

    // After it, rounds of this length until one compiles no method, at most this many.
    private static readonly TimeSpan JitQuietRound = TimeSpan.FromSeconds(2);
    private const int MaxJitQuietRounds = 30;

    /// <inheritdoc />
    public string Name => "dev-network";

    /// <inheritdoc />
    public async Task<string> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var data = new TemporaryDirectory();
        var address = $"127.0.0.1:{FreePorts.Next()}";
        // Registers with the package id a devnetcc definition of version 1.0 expects.
        await using var chaincode = await ChaincodeUnderTest.StartAsync(null, "devnetcc_1.0:dev", address).ConfigureAwait(false);
        await using var network = await DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = data.Path,
            Chaincodes = [new ChaincodeDefinition { Name = Chaincode, Address = address }],
        }, cancellationToken).ConfigureAwait(false);
        using var client = new DevNetworkBenchClient(network);
        int[] processes = [Environment.ProcessId, chaincode.Id];

        context.Progress.WriteLine($"  warming up: {WarmupTransactions} commits or {WarmupCap.TotalSeconds:0} s (unmeasured)");
        var (warmed, warmedIn) = await WarmUpAsync(client, cancellationToken).ConfigureAwait(false);

        var (quiet, quietIn) = await WarmUntilJitQuietAsync(client, cancellationToken).ConfigureAwait(false);
        context.Progress.WriteLine($"  JIT {(quiet ? "quiet" : "still busy")} after {quietIn.TotalSeconds:0} s more");

        context.Progress.WriteLine($"  submit, {InFlight} in flight (C# client)");
        using var timings = new StageTimings();
        var cpuDuringCSharp = CpuWindow.MeasureAsync(processes, context.WarmupTime, context.MeasurementTime, cancellationToken);
        var stagesDuringCSharp = MeasureStagesAsync(network, client, timings, context, cancellationToken);
        var (submitted, submitSeconds, invalid) = await SubmitLoadAsync(client, InFlight, context, cancellationToken).ConfigureAwait(false);
        var (csharpCpu, csharpRuntime) = await cpuDuringCSharp.ConfigureAwait(false);
        var stages = await stagesDuringCSharp.ConfigureAwait(false);

        var swept = new List<(int InFlight, int Count, double Seconds, int Invalid)> { (InFlight, submitted, submitSeconds, invalid) };
        foreach (var inFlight in s_sweptInFlight)
        {
            context.Progress.WriteLine($"  submit, {inFlight} in flight (C# client)");
            var (count, seconds, notValid) = await SubmitLoadAsync(client, inFlight, context, cancellationToken).ConfigureAwait(false);
            swept.Add((inFlight, count, seconds, notValid));
        }

        context.Progress.WriteLine("  evaluate latency");
        var latencies = await EvaluateLatenciesAsync(client, context, cancellationToken).ConfigureAwait(false);

        context.Progress.WriteLine($"  submit, {InFlight} in flight (Node @hyperledger/fabric-gateway)");
        var cpuDuringNode = CpuWindow.MeasureAsync(processes, context.WarmupTime, context.MeasurementTime, cancellationToken);
        var node = await NodeLoadAsync(network, context, data.Path).ConfigureAwait(false);
        var (nodeCpu, nodeRuntime) = await cpuDuringNode.ConfigureAwait(false);
        var (nodeCount, nodeSeconds, nodeInvalid) = (node.Count, node.Seconds, node.Invalid);

        context.Progress.WriteLine("  ECDSA P-256 sign/verify");
        var crypto = MeasureCrypto(network, context.MeasurementTime);
        var (signMicros, verifyMicros) = (crypto.SignMicros, crypto.VerifyMicros);
        var cpuPerTx = (SignsPerTx * signMicros) + (VerifiesPerTx * verifyMicros);
        var bound = Environment.ProcessorCount * 1_000_000 / cpuPerTx;
        var signatureCpuPerTx = (SignsPerTx * crypto.SignCpuMicros) + (VerifiesPerTx * crypto.VerifyCpuMicros);

        var md = new StringBuilder();
        md.AppendLine("## Dev network").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Two organisations (majority endorsement: both peers endorse every transaction), TLS, the Node `fabric-shim` chaincode `devnetcc` as a service, blocks cut at Fabric's test-network defaults (10 transactions or 2 s). Every submitted transaction is endorsed, signed, ordered, validated, written and fsynced before its commit status returns. Each load is a closed loop of {InFlight} workers (submit, wait for the commit status, submit again), after an unmeasured one that committed {warmed} transactions in {warmedIn.TotalSeconds:0.0} s (it stops at {WarmupTransactions} or after {WarmupCap.TotalSeconds:0} s) so that the hot path is compiled before any window; a rate counts the commits that complete inside the {context.MeasurementTime.TotalSeconds:0.#} s window after a {context.WarmupTime.TotalSeconds:0.#} s warm-up, not the drain after it (whose last, partly filled block waits for the batch timeout).").AppendLine();
        md.AppendLine("| measurement | result |").AppendLine("| --- | --- |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| committed tx/s, C# client ({submitted} txs, {invalid} not VALID) | {submitted / submitSeconds:0.0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| committed tx/s, official Node gateway client ({nodeCount} txs, {nodeInvalid} not VALID) | {nodeCount / nodeSeconds:0.0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| evaluate latency p50 / p99 (sequential, {latencies.Length} calls) | {Percentile(latencies, 0.50):0.00} ms / {Percentile(latencies, 0.99):0.00} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ECDSA P-256 sign / verify (one core, wall time) | {signMicros:0} µs / {verifyMicros:0} µs |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| signature CPU per committed tx ({SignsPerTx} signs + {VerifiesPerTx} verifies) | {cpuPerTx / 1000:0.00} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| crypto bound on {Environment.ProcessorCount} cores (tx/s if signatures were the only work) | {bound:0} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ratio: C# client / Node client (committed tx/s) | {submitted / submitSeconds / (nodeCount / nodeSeconds):0.00}x |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ratio: C# client committed tx/s / crypto bound | {submitted / submitSeconds / bound:P0} |");
        md.AppendLine();
        md.AppendLine("The client, both peers, the orderer, the committer and the Node chaincode share the same cores, so the measured rate sits below the crypto bound: the rest is gRPC and TLS for four RPCs per transaction and chaincode round trips. Each peer checks the signatures of the next block while it commits the current one, and commits blocks that are waiting together with one fsync (see docs/dev-network.md, Peers commit on their own).");
        md.AppendLine();
        var best = swept.MaxBy(s => s.Count / s.Seconds);
        AppendSweep(md, context, swept, bound);
        AppendStages(md, context, stages, csharpCpu, (quiet, warmed, warmedIn + quietIn));
        AppendCpuBreakdown(md, context, (submitted, csharpCpu, csharpRuntime), (nodeCount, nodeCpu, nodeRuntime, node.ClientCpu), crypto, signatureCpuPerTx);
        var share = best.Count / best.Seconds / bound;
        context.Targets.Record(
            "Dev network: committed tx/s with two organisations endorsing at least 50% of the signature bound",
            share >= 0.5,
            string.Create(CultureInfo.InvariantCulture, $"{share:P0} ({best.Count / best.Seconds:0} of {bound:0} tx/s, {best.InFlight} in flight{(best.InFlight == InFlight ? "" : string.Create(CultureInfo.InvariantCulture, $"; {submitted / submitSeconds / bound:P0} at {InFlight}"))}); CPU-time form {signatureCpuPerTx / PerTx(csharpCpu.Sum(c => c.TotalMicroseconds), submitted):P0}"),
            string.Create(CultureInfo.InvariantCulture, $"Dev network section: C# client, the best of {string.Join("/", swept.Select(s => s.InFlight))} in flight, {context.MeasurementTime.TotalSeconds:0.#} s windows; client, peers, orderer and Node chaincode on the same {Environment.ProcessorCount} shared cores; the CPU-time form is signature CPU over all processes' CPU per committed tx, at {InFlight} in flight"));
        return md.ToString();
    }

    /// <summary>
    /// Where each committed transaction's CPU went, per process, from /proc over each load's window. The
    /// C# client runs inside the benchmark process with the dev network, so its share is estimated as
    /// that process's time per transaction under the C# load less the dev network's alone under the Node
    /// load (which runs in a process of its own). The CPU-time ratio divides the signature work by the
    /// whole: it is what share of the bound the run would reach with the cores to itself, whatever else
    /// the machine is doing.
    /// </summary>
    private static void AppendCpuBreakdown(
        StringBuilder md,
        BenchmarkContext context,
        (int Count, TimeSpan[] Cpu, RuntimeCounters Runtime) csharp,
        (int Count, TimeSpan[] Cpu, RuntimeCounters Runtime, TimeSpan? ClientCpu) node,
        (double SignMicros, double VerifyMicros, double SignCpuMicros, double VerifyCpuMicros) crypto,
        double signatureCpuPerTx)
    {
        var window = context.MeasurementTime.TotalSeconds;
        string Cell(double micros, int count) =>
            string.Create(CultureInfo.InvariantCulture, $"{PerTx(micros, count) / 1000:0.00} ms ({micros / 1e6 / window:0.00} cores)");

        var csharpTotal = csharp.Cpu.Sum(c => c.TotalMicroseconds);
        var nodeClient = node.ClientCpu?.TotalMicroseconds ?? double.NaN;
        var nodeTotal = node.Cpu.Sum(c => c.TotalMicroseconds) + nodeClient;
        var networkAlone = PerTx(node.Cpu[0].TotalMicroseconds, node.Count);
        md.AppendLine(CultureInfo.InvariantCulture, $"CPU per committed transaction, by process (user + system time from /proc over each {window:0.#} s window; cores = CPU seconds per second; load average at the start of this section in the header):").AppendLine();
        md.AppendLine("| process | C# client load | Node client load |").AppendLine("| --- | ---: | ---: |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| dev network (peers, orderer, committers, gateway; under the C# load with the C# client in the same process) | {Cell(csharp.Cpu[0].TotalMicroseconds, csharp.Count)} | {Cell(node.Cpu[0].TotalMicroseconds, node.Count)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Node chaincode (`devnetcc`, fabric-shim) | {Cell(csharp.Cpu[1].TotalMicroseconds, csharp.Count)} | {Cell(node.Cpu[1].TotalMicroseconds, node.Count)} |");
        // The estimate holds only while the dev network costs about the same per tx under both loads; when it
        // does not (still compiling, or the machine's load changed between windows) it says so instead of a number.
        var clientEstimate = PerTx(csharp.Cpu[0].TotalMicroseconds, csharp.Count) - networkAlone;
        var clientCell = clientEstimate > 0
            ? string.Create(CultureInfo.InvariantCulture, $"~{clientEstimate / 1000:0.00} ms (estimate: first row less the dev network's under the Node load)")
            : "no estimate (the dev network cost more per tx under the Node load than network and client together under this one)";
        md.AppendLine(CultureInfo.InvariantCulture, $"| client | {clientCell} | {Cell(nodeClient, node.Count)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| all processes | {Cell(csharpTotal, csharp.Count)} | {Cell(nodeTotal, node.Count)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ECDSA P-256 sign / verify, CPU time of the measuring thread | {crypto.SignCpuMicros:0} µs / {crypto.VerifyCpuMicros:0} µs | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| signature CPU per tx ({SignsPerTx} signs + {VerifiesPerTx} verifies, CPU time) / all processes' CPU per tx | {signatureCpuPerTx / PerTx(csharpTotal, csharp.Count):P0} | {signatureCpuPerTx / PerTx(nodeTotal, node.Count):P0} |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The benchmark process's runtime counters over the same windows, per committed transaction ({RuntimeCounters.GcMode} GC):").AppendLine();
        md.AppendLine("| runtime counter, per committed tx | C# client load | Node client load |").AppendLine("| --- | ---: | ---: |");
        string Row(string name, Func<RuntimeCounters, double> value, string format) =>
            string.Create(CultureInfo.InvariantCulture, $"| {name} | {PerTx(value(csharp.Runtime), csharp.Count).ToString(format, CultureInfo.InvariantCulture)} | {PerTx(value(node.Runtime), node.Count).ToString(format, CultureInfo.InvariantCulture)} |");
        md.AppendLine(Row("JIT compilation time (µs)", r => r.JitTime.TotalMicroseconds, "0"));
        md.AppendLine(Row("methods compiled", r => r.JitMethods, "0.00"));
        md.AppendLine(Row("GC pause time (µs)", r => r.GcPause.TotalMicroseconds, "0"));
        md.AppendLine(Row("allocated (KB)", r => r.AllocatedBytes / 1024.0, "0.0"));
        md.AppendLine(Row("thread-pool work items (task hops)", r => r.WorkItems, "0.0"));
        md.AppendLine(Row("lock contentions", r => r.LockContentions, "0.00"));
        md.AppendLine(CultureInfo.InvariantCulture, $"| GCs in the window (gen0 / gen1 / gen2) | {csharp.Runtime.Gen0} / {csharp.Runtime.Gen1} / {csharp.Runtime.Gen2} | {node.Runtime.Gen0} / {node.Runtime.Gen1} / {node.Runtime.Gen2} |");
        md.AppendLine();
        md.AppendLine("The CPU table's last row is the share of the signature bound the run would reach if its processes had the cores to themselves: on a shared machine the wall-clock rate above also depends on what else runs, the CPU time per transaction much less so. Per-peer validation makes the dev network check 10 signatures per transaction, not the bound's 7 (each peer checks the creator and both endorsements of every transaction it commits); a signature already verified in this process (the same key, digest and signature) is answered from a memo, so the curve arithmetic runs once per distinct signature (the stage table's signature row).");
        md.AppendLine();
    }

    /// <summary>
    /// Where a committed transaction's wall time went under the C# load, and whether the loop waited or
    /// computed: the client's three steps, the dev network's stage instruments, the orderer's block sizes.
    /// </summary>
    private static void AppendStages(StringBuilder md, BenchmarkContext context, Stages stages, TimeSpan[] cpu, (bool Quiet, int Warmed, TimeSpan Elapsed) warmup)
    {
        var t = stages.Timings;
        (long Count, double Total) Get(string key) => t.TryGetValue(key, out var v) ? v : (0, 0);
        string Mean(string key, string unit = " ms")
        {
            var (count, total) = Get(key);
            return count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"{total / count:0.00}{unit} (n = {count})");
        }

        var cut = t.Where(p => p.Key.StartsWith("orderer.block.transactions/", StringComparison.Ordinal)).ToList();
        var blocks = cut.Sum(p => p.Value.Count);
        var envelopes = cut.Sum(p => p.Value.Total);
        var reasons = string.Join(", ", cut.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value.Count} by {p.Key["orderer.block.transactions/".Length..]}")));
        var window = context.MeasurementTime.TotalSeconds;
        var cores = cpu.Sum(c => c.TotalSeconds) / window;
        md.AppendLine(CultureInfo.InvariantCulture, $"Where a transaction's time goes under the C# load, over the same {window:0.#} s window (means; the dev network's stage instruments, `DevNetworkMetrics`, and the client's own clock; warm-up: {warmup.Warmed} commits, then 2 s rounds until one compiled no method, {(warmup.Quiet ? "reached" : "not reached")} after {warmup.Elapsed.TotalSeconds:0} s in all):").AppendLine();
        md.AppendLine("| stage | mean |").AppendLine("| --- | ---: |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| client: sign + Endorse (gateway, both peers' endorsements, chaincode) | {stages.Client.Endorse:0.00} ms (n = {stages.Client.Count}) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| client: sign + Submit (gateway checks and broadcasts to the orderer) | {stages.Client.Submit:0.00} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| client: sign + CommitStatus (waits for the gateway's peer to commit) | {stages.Client.CommitStatus:0.00} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| orderer: batch open, first envelope to cut | {Mean("orderer.block.fill")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| orderer: blocks cut ({reasons}), mean transactions per block | {(blocks == 0 ? double.NaN : envelopes / blocks):0.00} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| orderer: write + fsync of a group of blocks | {Mean("store.fsync/orderer")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| orderer: blocks per fsync | {Mean("store.group.blocks/orderer", "")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| peers: stored by the orderer to received over Deliver | {Mean("peer.deliver")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| peers: prepare a block (parse, signatures, in parallel) | {Mean("peer.prepare")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| peers: prepared to commit started (behind the blocks before) | {Mean("peer.commit.queue")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| peers: commit a group (in-order validation, write + fsync, publish) | {Mean("peer.commit")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| peers: write + fsync of a group | {Mean("store.fsync/peer")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| peers: blocks per fsync | {Mean("store.group.blocks/peer", "")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| signatures checked per committed tx: curve verifications computed / answered from the process's memo of verified signatures | {PerTx(Get("signature.checks/verified").Count, stages.Client.Count):0.00} / {PerTx(Get("signature.checks/remembered").Count, stages.Client.Count):0.00} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| CPU used by the benchmark and chaincode processes | {cores:0.00} of {Environment.ProcessorCount} cores |");
        md.AppendLine();
    }

    private sealed record Stages(IReadOnlyDictionary<string, (long Count, double Total)> Timings, (long Count, double Endorse, double Submit, double CommitStatus) Client);

    /// <summary>The stage instruments and the client's step times over the same window as <see cref="CpuWindow.MeasureAsync"/>.</summary>
    private static async Task<Stages> MeasureStagesAsync(DevNetwork network, DevNetworkBenchClient client, StageTimings timings, BenchmarkContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(context.WarmupTime, cancellationToken).ConfigureAwait(false);
        timings.Start();
        var mark = client.Stages.Mark();
        await Task.Delay(context.MeasurementTime, cancellationToken).ConfigureAwait(false);
        return new Stages(timings.Stop(), client.Stages.Since(mark));
    }

    /// <summary>
    /// Closed-loop rounds of <see cref="JitQuietRound"/> until one passes in which this process (the dev
    /// network and the C# client) compiled no method, at most <see cref="MaxJitQuietRounds"/>: tiered
    /// compilation promotes hot methods in the background, and a window overlapping it counts that JIT as
    /// transaction CPU. False when the JIT was still busy after the last round.
    /// </summary>
    private static async Task<(bool Quiet, TimeSpan Elapsed)> WarmUntilJitQuietAsync(DevNetworkBenchClient client, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var round = 0; round < MaxJitQuietRounds; round++)
        {
            var end = stopwatch.Elapsed + JitQuietRound;
            async Task Worker(int worker)
            {
                for (var i = 0; stopwatch.Elapsed < end; i++)
                {
                    await client.SubmitAsync(Chaincode, "put", [$"quiet-{round}-{worker}-{i}", "v"], cancellationToken).ConfigureAwait(false);
                }
            }

            await Task.WhenAll(Enumerable.Range(0, InFlight).Select(Worker)).ConfigureAwait(false);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == jitted)
            {
                return (true, stopwatch.Elapsed);
            }

            jitted = now;
        }

        return (false, stopwatch.Elapsed);
    }

    /// <summary>The C# client's committed rate at each in-flight count, each over its own window after its own warm-up.</summary>
    private static void AppendSweep(StringBuilder md, BenchmarkContext context, List<(int InFlight, int Count, double Seconds, int Invalid)> swept, double bound)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"The C# client's closed loop at other in-flight counts, one after another on the same network ({context.WarmupTime.TotalSeconds:0.#} s warm-up and {context.MeasurementTime.TotalSeconds:0.#} s window each; the target row takes the best):").AppendLine();
        md.AppendLine("| in flight | committed tx/s | not VALID | share of the crypto bound |").AppendLine("| ---: | ---: | ---: | ---: |");
        foreach (var (inFlight, count, seconds, invalid) in swept)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {inFlight} | {count / seconds:0.0} | {invalid} | {count / seconds / bound:P0} |");
        }

        md.AppendLine();
    }

    private static double PerTx(double micros, long count) => count == 0 ? double.NaN : micros / count;

    /// <summary>
    /// Closed-loop load: <paramref name="inFlight"/> workers submit and wait for each commit status, without
    /// pause, through the warm-up and the measurement window. Only commits completing inside the window
    /// count, so the drain at the end (whose last, partly filled block waits for the batch timeout, as
    /// on Fabric) is not mistaken for throughput.
    /// </summary>
    private static async Task<(int Count, double Seconds, int Invalid)> SubmitLoadAsync(DevNetworkBenchClient client, int inFlight, BenchmarkContext context, CancellationToken cancellationToken)
    {
        var count = 0;
        var invalid = 0;
        var windowStart = context.WarmupTime;
        var windowEnd = context.WarmupTime + context.MeasurementTime;
        var stopwatch = Stopwatch.StartNew();
        async Task Worker(int worker)
        {
            for (var i = 0; stopwatch.Elapsed < windowEnd; i++)
            {
                var code = await client.SubmitAsync(Chaincode, "put", [$"bench-{worker}-{i}", "v"], cancellationToken).ConfigureAwait(false);
                var at = stopwatch.Elapsed;
                if (at >= windowStart && at <= windowEnd)
                {
                    Interlocked.Increment(ref count);
                    if (code != TxValidationCode.Valid)
                    {
                        Interlocked.Increment(ref invalid);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(Worker)).ConfigureAwait(false);
        return (count, context.MeasurementTime.TotalSeconds, invalid);
    }

    /// <summary>The unmeasured load before the windows: commits until <see cref="WarmupTransactions"/> or <see cref="WarmupCap"/>.</summary>
    private static async Task<(int Committed, TimeSpan Elapsed)> WarmUpAsync(DevNetworkBenchClient client, CancellationToken cancellationToken)
    {
        var committed = 0;
        var stopwatch = Stopwatch.StartNew();
        async Task Worker(int worker)
        {
            for (var i = 0; Volatile.Read(ref committed) < WarmupTransactions && stopwatch.Elapsed < WarmupCap; i++)
            {
                await client.SubmitAsync(Chaincode, "put", [$"warmup-{worker}-{i}", "v"], cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref committed);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(Worker)).ConfigureAwait(false);
        return (committed, stopwatch.Elapsed);
    }

    private static async Task<double[]> EvaluateLatenciesAsync(DevNetworkBenchClient client, BenchmarkContext context, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed < context.WarmupTime + context.MeasurementTime)
        {
            var one = Stopwatch.StartNew();
            await client.EvaluateAsync(Chaincode, "get", ["bench-0-0"], cancellationToken).ConfigureAwait(false);
            if (total.Elapsed > context.WarmupTime)
            {
                latencies.Add(one.Elapsed.TotalMilliseconds);
            }
        }

        return [.. latencies.Order()];
    }

    private static async Task<(int Count, double Seconds, int Invalid, TimeSpan? ClientCpu)> NodeLoadAsync(DevNetwork network, BenchmarkContext context, string folder)
    {
        var peer = network.Peers[0];
        var user = network.Crypto.GetOrganization(peer.MspId).GetUser("User1");
        var config = Path.Combine(folder, "node-client.json");
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
        string[] arguments =
        [
            config,
            context.WarmupTime.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            context.MeasurementTime.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            InFlight.ToString(CultureInfo.InvariantCulture),
            "node",
        ];
        var output = await NodeInterop.RunAsync("devnet/bench-load.js", arguments, context.MeasurementTime + TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        var summary = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var cpu = summary.TryGetProperty("cpuMicros", out var micros) && micros.ValueKind == JsonValueKind.Number ? TimeSpan.FromMicroseconds(micros.GetDouble()) : (TimeSpan?)null;
        return (summary.GetProperty("committed").GetInt32(), summary.GetProperty("seconds").GetDouble(), summary.GetProperty("invalid").GetInt32(), cpu);
    }

    /// <summary>
    /// One core's sign and verify time, both as wall time per operation (the bound as first defined) and as
    /// the measuring thread's CPU time per operation (which another process holding the core does not inflate).
    /// </summary>
    private static (double SignMicros, double VerifyMicros, double SignCpuMicros, double VerifyCpuMicros) MeasureCrypto(DevNetwork network, TimeSpan duration)
    {
        var user = network.Crypto.GetOrganization("Org1MSP").GetUser("User1");
        var signer = Signers.FromPemFile(user.PrivateKeyPath);
        var certificate = X509Identity.FromPemFile("Org1MSP", user.SigningCertificatePath).Certificate;
        var message = RandomNumberGenerator.GetBytes(2048);
        var signature = signer.SignAsync(SHA256.HashData(message)).AsTask().GetAwaiter().GetResult();
        var signs = 0;
        var cpu = ProcessCpu.ReadCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration / 2)
        {
            signer.SignAsync(SHA256.HashData(message)).AsTask().GetAwaiter().GetResult();
            signs++;
        }

        var signMicros = stopwatch.Elapsed.TotalMicroseconds / signs;
        var signCpuMicros = (ProcessCpu.ReadCurrentThread() - cpu).TotalMicroseconds / signs;
        var verifies = 0;
        cpu = ProcessCpu.ReadCurrentThread();
        stopwatch.Restart();
        while (stopwatch.Elapsed < duration / 2)
        {
            if (!EcdsaSignatures.Verify(certificate, message, signature))
            {
                throw new InvalidOperationException("signature did not verify");
            }

            verifies++;
        }

        var verifyMicros = stopwatch.Elapsed.TotalMicroseconds / verifies;
        return (signMicros, verifyMicros, signCpuMicros, (ProcessCpu.ReadCurrentThread() - cpu).TotalMicroseconds / verifies);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

}
