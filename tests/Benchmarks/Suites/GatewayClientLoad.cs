using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;

namespace Benchmarks.Suites;

/// <summary>
/// The C# side of <see cref="GatewayClientSuite"/>, run in a child process of its own (as the Node client
/// is) so that its CPU time is the client's alone: <c>Benchmarks --client-load config.json warmup seconds inFlight</c>.
/// The same load as <c>tests/interop/devnet/bench-client.js</c>: workers call <c>SubmitAsync</c> then
/// <c>GetStatusAsync</c> without pause; then sequential evaluates. Prints one JSON line.
/// </summary>
internal static class GatewayClientLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var config = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(args[0]).ConfigureAwait(false))!;
        var warmup = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
        var window = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));
        var inFlight = int.Parse(args[3], CultureInfo.InvariantCulture);

        using var channel = GatewayChannels.ForEndpoint(new GatewayEndpoint
        {
            Address = config["url"],
            TlsRootCertificates = [X509CertificateLoader.LoadCertificateFromFile(config["tlsCaPath"])],
            ServerNameOverride = config["hostOverride"],
        });
        using var gateway = Gateway.Connect(new GatewayOptions
        {
            Identity = X509Identity.FromPemFile(config["mspId"], config["certPath"]),
            Signer = Signers.FromPemFile(config["keyPath"]),
            Channel = channel,
            EndorseTimeout = TimeSpan.FromSeconds(30),
            SubmitTimeout = TimeSpan.FromSeconds(30),
            CommitStatusTimeout = TimeSpan.FromSeconds(60),
        });
        var contract = gateway.GetNetwork(config["channel"]).GetContract(config["chaincode"]);

        var (committed, invalid, cpu) = await SubmitLoadAsync(contract, warmup, window, inFlight).ConfigureAwait(false);
        var latencies = await EvaluateLatenciesAsync(contract, warmup, window).ConfigureAwait(false);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["committed"] = committed,
            ["invalid"] = invalid,
            ["seconds"] = window.TotalSeconds,
            ["cpuMicros"] = cpu.TotalMicroseconds,
            ["evaluates"] = latencies.Length,
            ["evaluateP50Ms"] = BenchStatistics.Percentile(latencies, 0.50),
            ["evaluateP99Ms"] = BenchStatistics.Percentile(latencies, 0.99),
        }));
        return 0;
    }

    private static async Task<(int Committed, int Invalid, TimeSpan Cpu)> SubmitLoadAsync(IContract contract, TimeSpan warmup, TimeSpan window, int inFlight)
    {
        var committed = 0;
        var invalid = 0;
        var clock = Stopwatch.StartNew();
        var end = warmup + window;

        // Process CPU over the window only: start-up and JIT fall in the warm-up.
        async Task<TimeSpan> CpuInWindowAsync()
        {
            await Task.Delay(warmup).ConfigureAwait(false);
            var start = ProcessCpu();
            await Task.Delay(window).ConfigureAwait(false);
            return ProcessCpu() - start;
        }

        async Task WorkerAsync(int worker)
        {
            for (var i = 0; clock.Elapsed < end; i++)
            {
                var submitted = await contract.SubmitAsync("put", new ProposalOptions().WithArguments($"cs-{worker}-{i}", "v")).ConfigureAwait(false);
                var status = await submitted.GetStatusAsync().ConfigureAwait(false);
                var at = clock.Elapsed;
                if (at >= warmup && at <= end)
                {
                    Interlocked.Increment(ref committed);
                    if (!status.Successful)
                    {
                        Interlocked.Increment(ref invalid);
                    }
                }
            }
        }

        var cpu = CpuInWindowAsync();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(WorkerAsync)).ConfigureAwait(false);
        return (committed, invalid, await cpu.ConfigureAwait(false));
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static async Task<double[]> EvaluateLatenciesAsync(IContract contract, TimeSpan warmup, TimeSpan window)
    {
        var latencies = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed < warmup + window)
        {
            var one = Stopwatch.StartNew();
            await contract.EvaluateTransactionAsync("get", "cs-0-0").ConfigureAwait(false);
            if (total.Elapsed > warmup)
            {
                latencies.Add(one.Elapsed.TotalMilliseconds);
            }
        }

        return [.. latencies.Order()];
    }
}
