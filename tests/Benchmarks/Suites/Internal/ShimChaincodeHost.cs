using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Hyperledger.Fabric.Shim;
using HealthRecords.Chaincode;

namespace Benchmarks.Suites.Internal;

/// <summary>
/// The C# side of the chaincode CPU benchmark: this executable, started again as
/// <c>serve-chaincode put|healthrecords &lt;package-id&gt; &lt;host:port&gt;</c>, serves one chaincode
/// through the shim in its own process, so its CPU time can be read apart from the network's. A line
/// <c>round-trips</c> on standard input prints the transactions finished and their round trips so far.
/// </summary>
internal static class ShimChaincodeHost
{
    public const string Command = "serve-chaincode";

    public static async Task<int> RunAsync(string kind, string packageId, string address)
    {
        IChaincode chaincode = kind == "put" ? new PutChaincode() : HealthRecordsChaincode.CreateRouter();
        long transactions = 0;
        long roundTrips = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ShimMetrics.MeterName && instrument.Name == ShimMetrics.TransactionRoundTrips)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            Interlocked.Increment(ref transactions);
            Interlocked.Add(ref roundTrips, value);
        });
        listener.Start();

        await using var server = new ChaincodeServer(chaincode, new ChaincodeServerOptions { ChaincodeId = packageId, Address = address });
        await server.StartAsync().ConfigureAwait(false);
        Console.WriteLine("listening " + server.Address);
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line == "round-trips")
            {
                // The runtime's own counters beside the shim's: what the CPU of a window went to (JIT, GC).
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"round-trips {Interlocked.Read(ref transactions)} {Interlocked.Read(ref roundTrips)} {System.Runtime.JitInfo.GetCompiledMethodCount()} {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0.###} {GC.CollectionCount(0)} {GC.CollectionCount(2)} {GC.GetTotalAllocatedBytes()}"));
            }
        }

        return 0;
    }

    /// <summary>
    /// Starts this executable in <see cref="Command"/> mode under the shipped chaincode host's runtime
    /// settings: <c>dotnet exec --runtimeconfig HealthRecords.Chaincode.runtimeconfig.json</c>, the file
    /// its build writes (and copies here, as this project references it), so this process measures what
    /// users run, not this harness's own defaults.
    /// </summary>
    public static Process Start(string kind, string packageId, string address, Action<string> onLine)
    {
        var runtimeConfig = Path.Combine(AppContext.BaseDirectory, ShippedRuntimeConfig);
        if (!File.Exists(runtimeConfig))
        {
            throw new FileNotFoundException("The chaincode host's runtimeconfig.json is not beside the harness; build HealthRecords.Chaincode first.", runtimeConfig);
        }

        var harness = typeof(ShimChaincodeHost).Assembly.Location;
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add("--runtimeconfig");
        info.ArgumentList.Add(runtimeConfig);
        info.ArgumentList.Add("--depsfile");
        info.ArgumentList.Add(Path.ChangeExtension(harness, ".deps.json"));
        info.ArgumentList.Add(harness);
        foreach (var argument in new[] { Command, kind, packageId, address })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>The runtimeconfig.json of the deployed host (HealthRecords.Chaincode.csproj sets what it holds).</summary>
    private const string ShippedRuntimeConfig = "HealthRecords.Chaincode.runtimeconfig.json";

    /// <summary>The <c>dotnet</c> host running this process (the harness may run through its apphost).</summary>
    private static string DotnetHost()
    {
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            return Environment.ProcessPath!;
        }

        // The shared runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    /// <summary>The same function as the Node benchmark chaincode's <c>put</c>: one write and one event.</summary>
    private sealed class PutChaincode : IChaincode
    {
        public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) =>
            Task.FromResult(ChaincodeResponse.Success());

        public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
        {
            var args = stub.StringArgs;
            if (args.Count != 3 || args[0] != "put")
            {
                return ChaincodeResponse.Error("unknown function");
            }

            var value = Encoding.UTF8.GetBytes(args[2]);
            await stub.PutStateAsync(args[1], value, cancellationToken).ConfigureAwait(false);
            stub.SetEvent("put", Encoding.UTF8.GetBytes(args[1] + "=" + args[2]));
            return ChaincodeResponse.Success(value);
        }
    }
}
