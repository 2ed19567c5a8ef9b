using System.Diagnostics;
using System.Globalization;
using System.Text;
using Benchmarks.Suites.Internal;
using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using Hyperledger.Fabric.Gateway;
using HealthRecords.Client;
using HealthRecords.Domain.Contracts;
using TestSupport;
using HealthRecords.Client.Profiles;

namespace Benchmarks.Suites;

/// <summary>
/// Chaincode CPU per transaction, read from /proc for the chaincode process alone: the same put-only
/// function in our C# shim and in the official Node fabric-shim, under the same client and dev
/// network; then AddRecord's CPU and peer round trips at two log sizes.
/// </summary>
public sealed class ChaincodeCpuSuite : IBenchmarkSuite
{
    private const int InFlight = 16;
    private const int AddsPerSize = 50;
    private static readonly long[] LogSizes = [10, 1000, 100_000];
    private const int WarmupAdds = 200;
    private const long PrefillAbove = 2000;
    private const int MaxJitQuietRounds = 60;
    private const int JitQuietAdds = 10;
    private static readonly TimeSpan JitQuietWindow = TimeSpan.FromSeconds(1);

    // V8 and the .NET JIT reach steady state at different speeds; both chaincodes get at least this long
    // so that neither is measured while its JIT is still working (Node took 4.4 ms per put after a
    // short warm-up, 1.05 ms after 163 s), and the window is long enough to count hundreds of puts.
    private static readonly TimeSpan MinimumPutWarmup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MinimumPutWindow = TimeSpan.FromSeconds(10);
    private byte[] _doctorCreator = [];

    /// <inheritdoc />
    public string Name => "chaincode-cpu";

    /// <inheritdoc />
    public async Task<string> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        // C# first: its warm-up lasts until its JIT has gone quiet, and the Node chaincode then gets as long.
        context.Progress.WriteLine("  put-only, C# shim chaincode");
        var csharp = await MeasurePutAsync(context, csharp: true, Max(context.WarmupTime, MinimumPutWarmup), cancellationToken).ConfigureAwait(false);
        context.Progress.WriteLine("  put-only, Node fabric-shim chaincode");
        var node = await MeasurePutAsync(context, csharp: false, csharp.Warmup, cancellationToken).ConfigureAwait(false);
        context.Progress.WriteLine("  AddRecord, C# chaincode, Fabric 3.x-like peers");
        var adds = await MeasureAddRecordAsync(context, ChaincodeBatchingOptions.Fabric3, cancellationToken).ConfigureAwait(false);
        context.Progress.WriteLine("  AddRecord, C# chaincode, Fabric 2.5-like peers");
        var adds25 = await MeasureAddRecordAsync(context, null, cancellationToken).ConfigureAwait(false);
        context.Progress.WriteLine("  AddRecord hot-path pieces");
        var pieces = HotPathProbe.Run(_doctorCreator, TimeSpan.FromSeconds(1));

        var ratio = csharp.CpuPerTx / node.CpuPerTx;
        var md = new StringBuilder();
        md.AppendLine("## Chaincode CPU").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"CPU time (user + system, /proc/<pid>/stat) of the chaincode process alone, divided by the transactions it ran. Each chaincode is a separate process served as chaincode-as-a-service; the dev network (two organisations, both peers endorse, so every transaction is two invocations) and the C# benchmark client run in the harness process. Put-only: `put(key, value)` writes one key and sets one event, the Node `devnetcc` and a C# `IChaincode` doing the same; {InFlight} workers in a closed loop, then {Max(context.MeasurementTime, MinimumPutWindow).TotalSeconds:0.#} s counted. The C# chaincode runs under the runtime settings its deployed host ships with (`dotnet exec --runtimeconfig HealthRecords.Chaincode.runtimeconfig.json`: dynamic PGO off, idle thread-pool workers do not spin; docs/shim.md). It runs first and warms up for {Max(context.WarmupTime, MinimumPutWarmup).TotalSeconds:0.#} s and then in {JitQuietWindow.TotalSeconds:0.#} s rounds until one round compiles no method (tiered compilation recompiles hot methods in the background for a while, and a window that overlaps it counts that JIT as transaction CPU); it took {csharp.Warmup.TotalSeconds:0.0} s{(csharp.JitQuiet ? "" : ", and the JIT was still busy when it stopped")}, and the Node chaincode then warms up as long. During the C# window its process compiled {csharp.Stats?.JitMethods ?? 0} methods, ran {csharp.Stats?.Gen0Collections ?? 0} gen0 and {csharp.Stats?.Gen2Collections ?? 0} gen2 collections and allocated {(csharp.Stats is { } cs ? cs.AllocatedBytes / Math.Max(cs.Transactions, 1) : 0):N0} B per invocation. Peers announce an empty (2.5-like) READY, so both shims speak the same protocol.").AppendLine();
        md.AppendLine("| measurement | result |").AppendLine("| --- | --- |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Node fabric-shim, CPU per put ({node.Transactions} txs) | {node.CpuPerTx:0.000} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| C# shim, CPU per put ({csharp.Transactions} txs) | {csharp.CpuPerTx:0.000} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ratio C# / Node (target at most 0.5x) | {ratio:0.00}x: {(ratio <= 0.5 ? "met" : "not met")} |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"AddRecord through the typed client, one endorser (`OR` policy), sequential, {AddsPerSize} adds measured from each log size, after at least {WarmupAdds} unmeasured adds to another patient's log (JIT, caches), continued in rounds of at least {JitQuietAdds} adds and {JitQuietWindow.TotalSeconds:0.#} s until a round compiles no method in the chaincode process (at most {MaxJitQuietRounds} rounds): before that fix the first row measured tiered compilation's background recompiles of hot methods (16.6 ms per add at 10 leaves against 1.2-1.4 ms at 10^3 and 10^5 in the run of 2026-12-02 04:30), so the last column shows the JIT activity left in each row. Up to {PrefillAbove:N0} leaves the log is grown by AddRecord transactions through the same network; larger logs are written through a bulk path (`HistoryPrefill`: the domain's MerkleLog built in memory, its keys committed by write-only transactions endorsed by Org1's peer and validated like any other), and the measured adds then go through the real chaincode process. Round trips are the shim's own count (`fabric.shim.transaction.round_trips`), reported by the chaincode process.").AppendLine();
        md.AppendLine("| peers | log size | CPU per AddRecord | round trips per AddRecord | methods jitted during the row |").AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var (label, rows) in new[] { ("3.x (batching)", adds), ("2.5 (single requests)", adds25) })
        {
            foreach (var row in rows)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {row.LogSize} | {row.CpuPerTx:0.000} ms | {row.RoundTrips:0.0} | {row.JitMethods} |");
            }
        }

        md.AppendLine();
        var maxTrips = adds.Max(r => r.RoundTrips);
        var flat = adds.Max(r => r.RoundTrips) == adds.Min(r => r.RoundTrips);
        var cpuSpread = adds.Max(r => r.CpuPerTx) / adds.Min(r => r.CpuPerTx);
        md.AppendLine(CultureInfo.InvariantCulture, $"Target, at most 6 round trips flat in the log size: {(maxTrips <= 6 && flat ? "met" : "not met")} on 3.x-like peers ({maxTrips:0.0}, {(flat ? "flat" : "not flat")} from {LogSizes[0]:N0} to {LogSizes[^1]:N0} leaves); on 2.5-like peers every write is its own PUT_STATE, so the count there grows with the Merkle nodes an append completes. CPU per AddRecord on 3.x-like peers: largest / smallest row {cpuSpread:0.00}x over the same sizes (each row is {AddsPerSize} adds, so on this loaded machine a spread under about 1.5x is noise).");
        context.Targets.Record(
            "C# put-only chaincode CPU per transaction at most 0.5x the Node fabric-shim chaincode's",
            ratio <= 0.5,
            string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x ({csharp.CpuPerTx:0.000} ms vs {node.CpuPerTx:0.000} ms)"),
            string.Create(CultureInfo.InvariantCulture, $"Chaincode CPU section: same put function, same client, {InFlight} in flight, two endorsing peers with a 2.5-like READY; chaincode process CPU from /proc"));
        context.Targets.Record(
            "AddRecord: at most 6 peer round trips whatever the log size, round trips and CPU flat from 10 to 10^5 leaves",
            maxTrips <= 6 && flat && cpuSpread <= 1.5,
            string.Create(CultureInfo.InvariantCulture, $"{maxTrips:0.0} round trips, {(flat ? "flat" : "not flat")} from {LogSizes[0]:N0} to {LogSizes[^1]:N0} leaves, CPU largest / smallest {cpuSpread:0.00}x (3.x-like peers); {adds25.Max(r => r.RoundTrips):0.0} on 2.5-like peers"),
            "Chaincode CPU section: typed client, one endorser, sequential adds; the shim's own round-trip counter");
        md.AppendLine().AppendLine();
        md.AppendLine("Pieces of the AddRecord path, timed alone in the harness process (one thread, Stopwatch and the thread's allocation counter), to compare with the CPU per AddRecord above:").AppendLine();
        md.AppendLine("| piece | per call | allocated |").AppendLine("| --- | --- | --- |");
        foreach (var (piece, micros, bytes) in pieces)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {piece} | {micros:0.0} µs | {bytes:N0} B |");
        }

        return md.ToString();
    }

    private static async Task<PutResult> MeasurePutAsync(BenchmarkContext context, bool csharp, TimeSpan warmup, CancellationToken cancellationToken)
    {
        using var data = new TemporaryDirectory();
        var address = $"127.0.0.1:{FreePorts.Next()}";
        await using var chaincode = await ChaincodeUnderTest.StartAsync(csharp ? "put" : null, "devnetcc_1.0:dev", address).ConfigureAwait(false);
        await using var network = await DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = data.Path,
            Chaincodes = [new ChaincodeDefinition { Name = "devnetcc", Address = address }],
            Batch = new BatchOptions { BatchTimeout = TimeSpan.FromMilliseconds(20) },
        }, cancellationToken).ConfigureAwait(false);
        using var client = new DevNetworkBenchClient(network);
        var warming = Stopwatch.StartNew();
        await LoadAsync(client, "warm", warmup, cancellationToken).ConfigureAwait(false);
        var quiet = !csharp || await WarmUntilJitQuietAsync(chaincode, round => LoadAsync(client, $"warm{round}", JitQuietWindow, cancellationToken)).ConfigureAwait(false);
        warming.Stop();
        var statsBefore = csharp ? await chaincode.StatsAsync().ConfigureAwait(false) : default;
        var before = ProcessCpu.Read(chaincode.Id);
        var count = await LoadAsync(client, "run", Max(context.MeasurementTime, MinimumPutWindow), cancellationToken).ConfigureAwait(false);
        var used = ProcessCpu.Read(chaincode.Id) - before;
        var stats = csharp ? await chaincode.StatsAsync().ConfigureAwait(false) - statsBefore : (ChaincodeStats?)null;
        var result = new PutResult(count, used.TotalMilliseconds / count, warming.Elapsed, quiet, stats);
        context.Progress.WriteLine($"    {count} puts, {result.CpuPerTx:0.000} ms CPU each, after a {warming.Elapsed.TotalSeconds:0.0} s warm-up{(stats is { } s ? $"; {s.JitMethods} methods jitted, {s.Gen0Collections} gen0 / {s.Gen2Collections} gen2 GCs, {s.AllocatedBytes / Math.Max(s.Transactions, 1):N0} B allocated per invocation" : "")}");
        return result;
    }

    /// <summary>
    /// Runs more warm-up rounds until one passes in which the chaincode process compiled no method:
    /// tiered compilation recompiles hot methods in the background, and a window that overlaps it
    /// counts that JIT work as transaction CPU. False when the JIT was still busy after the last round.
    /// </summary>
    private static async Task<bool> WarmUntilJitQuietAsync(ChaincodeUnderTest chaincode, Func<int, Task> round)
    {
        var jitted = (await chaincode.StatsAsync().ConfigureAwait(false)).JitMethods;
        for (var i = 0; i < MaxJitQuietRounds; i++)
        {
            await round(i).ConfigureAwait(false);
            var now = (await chaincode.StatsAsync().ConfigureAwait(false)).JitMethods;
            if (now == jitted)
            {
                return true;
            }

            jitted = now;
        }

        return false;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record PutResult(int Transactions, double CpuPerTx, TimeSpan Warmup, bool JitQuiet, ChaincodeStats? Stats);

    private static async Task<int> LoadAsync(DevNetworkBenchClient client, string prefix, TimeSpan duration, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var count = 0;
        async Task Worker(int worker)
        {
            for (var i = 0; stopwatch.Elapsed < duration; i++)
            {
                await client.SubmitAsync("devnetcc", "put", [$"{prefix}-{worker}-{i}", "v"], cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref count);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(Worker)).ConfigureAwait(false);
        return count;
    }

    private async Task<List<(long LogSize, double CpuPerTx, double RoundTrips, long JitMethods)>> MeasureAddRecordAsync(
        BenchmarkContext context, ChaincodeBatchingOptions? batching, CancellationToken cancellationToken)
    {
        using var data = new TemporaryDirectory();
        var address = $"127.0.0.1:{FreePorts.Next()}";
        await using var chaincode = await ChaincodeUnderTest.StartAsync("healthrecords", "healthrecords_1.0:dev", address).ConfigureAwait(false);
        await using var network = await DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = Path.Combine(data.Path, "network"),
            Chaincodes = [new ChaincodeDefinition { Name = "healthrecords", Address = address, EndorsementPolicy = "OR('Org1MSP.peer','Org2MSP.peer')", Batching = batching }],
            Batch = new BatchOptions { BatchTimeout = TimeSpan.FromMilliseconds(2) },
        }, cancellationToken).ConfigureAwait(false);
        var profilePath = Path.Combine(data.Path, "connection-profile.json");
        network.WriteConnectionProfile(profilePath, "healthrecords");
        var profile = ConnectionProfile.Load(profilePath);
        const string Patient = "pt-alice";
        const string WarmupPatient = "pt-bob";
        using (var alice = HealthRecordsClient.Connect(profile, "alice"))
        {
            await alice.RegisterPatientAsync(new RegisterPatientRequest(Patient), cancellationToken).ConfigureAwait(false);
        }

        using (var bob = HealthRecordsClient.Connect(profile, "bob"))
        {
            await bob.RegisterPatientAsync(new RegisterPatientRequest(WarmupPatient), cancellationToken).ConfigureAwait(false);
        }

        using var bulk = new DevNetworkBenchClient(network);

        using var doctor = HealthRecordsClient.Connect(profile, "hospital-doctor");
        _doctorCreator = profile.LoadIdentity("hospital-doctor").ToSerializedIdentity();
        var added = 0;
        async Task<long> AddAsync(string patient = Patient)
        {
            var n = ++added;
            var hash = Convert.ToHexStringLower(BitConverter.GetBytes(n).Concat(new byte[28]).ToArray());
            var response = await doctor.AddRecordAsync(
                new AddRecordRequest(patient, "Observation", "laboratory", $"https://fhir.org1.example.com/Observation/{n}", hash, 2048, "application/fhir+json"),
                cancellationToken).ConfigureAwait(false);
            return response.History.TreeSize;
        }

        // JIT and caches warm on another patient's log, so the first measured row is not the cold start
        for (var i = 0; i < WarmupAdds; i++)
        {
            await AddAsync(WarmupPatient).ConfigureAwait(false);
        }

        // The 10-leaf row once cost 10x the others: tiered compilation was still recompiling hot methods
        // in the background when it was measured. More warm-up adds until a round of them compiles nothing.
        // A round lasts at least JitQuietWindow: the runtime holds tier-up back while methods are still
        // being compiled for the first time, so a round of a few fast adds can pass before the recompiles
        // start (907 of them fell into the 10-leaf row after 10-add rounds).
        var quiet = await WarmUntilJitQuietAsync(chaincode, async _ =>
        {
            var round = Stopwatch.StartNew();
            for (var i = 0; i < JitQuietAdds || round.Elapsed < JitQuietWindow; i++)
            {
                await AddAsync(WarmupPatient).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        context.Progress.WriteLine($"    warm-up: {added} adds, JIT {(quiet ? "quiet" : "still busy")}");

        var size = (await doctor.GetHistoryRootAsync(new HistoryRequest(Patient), cancellationToken).ConfigureAwait(false)).TreeSize;
        var rows = new List<(long, double, double, long)>();
        foreach (var target in LogSizes)
        {
            if (target - size > PrefillAbove)
            {
                context.Progress.WriteLine($"    writing a {target:N0}-leaf history through the bulk path");
                await HistoryPrefill.WriteAsync(network, bulk, "healthrecords", Patient, target, cancellationToken).ConfigureAwait(false);
                size = (await doctor.GetHistoryRootAsync(new HistoryRequest(Patient), cancellationToken).ConfigureAwait(false)).TreeSize;
            }

            while (size < target)
            {
                size = await AddAsync().ConfigureAwait(false);
            }

            var statsBefore = await chaincode.StatsAsync().ConfigureAwait(false);
            var cpuBefore = ProcessCpu.Read(chaincode.Id);
            for (var i = 0; i < AddsPerSize; i++)
            {
                size = await AddAsync().ConfigureAwait(false);
            }

            var cpu = ProcessCpu.Read(chaincode.Id) - cpuBefore;
            var stats = await chaincode.StatsAsync().ConfigureAwait(false) - statsBefore;
            rows.Add((target, cpu.TotalMilliseconds / AddsPerSize, (double)stats.RoundTrips / stats.Transactions, stats.JitMethods));
            context.Progress.WriteLine($"    log size {target}: {cpu.TotalMilliseconds / AddsPerSize:0.000} ms CPU, {(double)stats.RoundTrips / stats.Transactions:0.0} round trips, {stats.JitMethods} methods jitted in {stats.JitMilliseconds:0.0} ms, {stats.Gen0Collections} gen0 / {stats.Gen2Collections} gen2 GCs, {stats.AllocatedBytes / stats.Transactions:N0} B allocated per tx");
        }

        return rows;
    }
}
