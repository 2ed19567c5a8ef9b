using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Hosting;
using Fabric.DevNetwork.Ordering;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting.Internal;

/// <summary>The <c>up</c>, <c>status</c> and <c>down</c> commands.</summary>
internal static partial class CommandRunner
{
    private const string PidFile = "devnet.pid";
    private const string DescriptionFile = "network.json";

    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        return options.Command switch
        {
            "up" => await UpAsync(options).ConfigureAwait(false),
            "status" => Status(options),
            _ => await DownAsync(options).ConfigureAwait(false),
        };
    }

    private static async Task<int> UpAsync(CommandLineOptions options)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        if (RunningPid(data) is { } running)
        {
            await Console.Error.WriteLineAsync($"a dev network is already running on {data} (pid {running}); run 'down' first").ConfigureAwait(false);
            return 1;
        }

        // <data>/network.log keeps start-up, ports and warnings (such as a repaired block file) even when
        // --log-level quietens the console: it records at Information or below.
        var fileLevel = options.LogLevel < LogLevel.Information ? options.LogLevel : LogLevel.Information;
        using var fileLog = new FileLoggerProvider(Path.Combine(data, "network.log"), fileLevel);
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(fileLevel).AddFilter("Microsoft", LogLevel.Warning).AddProvider(new ConsoleLoggerProvider(options.LogLevel)).AddProvider(fileLog));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        if (options.StopWhenStdinCloses)
        {
            // A parent that runs us through a pipe takes us down with it, even when it is killed.
            _ = Task.Run(async () =>
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (await input.ReadAsync(buffer).ConfigureAwait(false) > 0)
                {
                }

                try
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    // the network already stopped
                }
            }, CancellationToken.None);
        }

        var logger = loggerFactory.CreateLogger("Fabric.DevNetwork.Up");
        LogStarting(logger, Environment.ProcessId, data, options.BasePort, options.BatchTimeoutMilliseconds);
        var chaincodes = new List<ChaincodeProcess>();
        DevNetwork network;
        try
        {
            var definitions = new List<ChaincodeDefinition>();
            foreach (var definition in options.Chaincodes)
            {
                if (!options.ChaincodeCommands.TryGetValue(definition.Name, out var command))
                {
                    definitions.Add(definition);
                    continue;
                }

                var (process, address) = await ChaincodeProcess.StartAsync(command, definition, loggerFactory, stop.Token).ConfigureAwait(false);
                chaincodes.Add(process);
                definitions.Add(definition with { Address = address });
            }

            network = await StartAsync(options with { Chaincodes = definitions }, data, loggerFactory, stop.Token).ConfigureAwait(false);
            if (chaincodes.Count > 0)
            {
                await ConnectStartedChaincodesAsync(network, logger, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException or FormatException or Ledger.LedgerCorruptedException or OperationCanceledException)
        {
            LogStartFailed(logger, ex);
            await StopAllAsync(chaincodes).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("could not start the dev network: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        try
        {
            await using (network.ConfigureAwait(false))
            {
                var profile = Path.GetFullPath(options.ProfilePath ?? Path.Combine(data, "connection-profile.json"));
                network.WriteConnectionProfile(profile);
                WriteDescription(data, network, profile);
                foreach (var chaincode in network.Options.Chaincodes)
                {
                    LogChaincode(logger, chaincode.Name, chaincode.PackageId, chaincode.Address, chaincode.EndorsementPolicy ?? "MAJORITY");
                }

                foreach (var peer in network.Peers)
                {
                    LogPeer(logger, peer.Name, peer.MspId, peer.Url);
                }

                await File.WriteAllTextAsync(Path.Combine(data, PidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), stop.Token).ConfigureAwait(false);
                LogReady(logger, network.ChannelId, network.Ledger.Height, profile);
                PrintEndpoints(network, data, profile);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    LogStopping(logger);
                    Console.WriteLine("shutting down");
                }
            }
        }
        finally
        {
            // After the peers, which hold streams to them.
            await StopAllAsync(chaincodes).ConfigureAwait(false);
        }

        File.Delete(Path.Combine(data, PidFile));
        return 0;
    }

    /// <summary>
    /// The chaincodes this process started are dialled by every peer before "ready", so the first
    /// transaction does not pay for the connection. A failure is only a warning: peers redial on demand.
    /// </summary>
    private static async Task ConnectStartedChaincodesAsync(DevNetwork network, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await network.ConnectChaincodesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Chaincode.Internal.ChaincodeExecutionException ex)
        {
            LogConnectFailed(logger, ex.Message);
        }
    }

    private static async Task StopAllAsync(List<ChaincodeProcess> chaincodes)
    {
        foreach (var chaincode in chaincodes)
        {
            await chaincode.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Task<DevNetwork> StartAsync(CommandLineOptions options, string data, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = data,
            OrganizationCount = options.Organizations,
            UseTls = !options.Plaintext,
            BasePort = options.BasePort,
            Chaincodes = options.Chaincodes,
            Batch = new BatchOptions { MaxMessageCount = options.BatchSize, BatchTimeout = TimeSpan.FromMilliseconds(options.BatchTimeoutMilliseconds) },
            LoggerFactory = loggerFactory,
        }, cancellationToken);

    private static void PrintEndpoints(DevNetwork network, string data, string profile)
    {
        Console.WriteLine($"Dev network up (channel {network.ChannelId}, data {data}, height {network.Ledger.Height})");
        var orderer = network.Orderer;
        Console.WriteLine($"orderer {orderer.Name} {orderer.MspId} {orderer.Url}");
        foreach (var peer in network.Peers)
        {
            Console.WriteLine($"peer {peer.Name} {peer.MspId} {peer.Url}");
        }

        foreach (var chaincode in network.Options.Chaincodes)
        {
            Console.WriteLine($"chaincode {chaincode.Name} {chaincode.Version} {chaincode.Address} {chaincode.EndorsementPolicy ?? "MAJORITY"}");
        }

        Console.WriteLine($"profile {profile}");
        Console.WriteLine("ready");
    }

    private static int Status(CommandLineOptions options)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        var pid = RunningPid(data);
        Console.WriteLine(pid is null ? $"not running ({data})" : $"running (pid {pid}, data {data})");
        var description = Path.Combine(data, DescriptionFile);
        if (pid is not null && File.Exists(description))
        {
            Console.WriteLine(File.ReadAllText(description));
        }

        return pid is null ? 3 : 0;
    }

    private static async Task<int> DownAsync(CommandLineOptions options)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        if (RunningPid(data) is not { } pid)
        {
            Console.WriteLine($"not running ({data})");
            return 0;
        }

        // SIGTERM, so the network shuts down cleanly (cuts pending transactions into a last block).
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(CultureInfo.InvariantCulture) } }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        using var process = Process.GetProcessById(pid);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"pid {pid} did not stop within 30 s").ConfigureAwait(false);
            return 1;
        }

        Console.WriteLine($"stopped (pid {pid})");
        return 0;
    }

    /// <summary>The pid recorded in the data folder, when that process is still alive.</summary>
    private static int? RunningPid(string data)
    {
        var file = Path.Combine(data, PidFile);
        if (!File.Exists(file) || !int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            // A pid left by a killed network may have been reused by an unrelated process.
            var ours = process.ProcessName is "dotnet" or "Fabric.DevNetwork" or "fabric-devnet";
            return process.HasExited || pid == Environment.ProcessId || !ours ? null : pid;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void WriteDescription(string data, DevNetwork network, string profile)
    {
        var description = new
        {
            channel = network.ChannelId,
            profile,
            orderer = new { name = network.Orderer.Name, mspId = network.Orderer.MspId, url = network.Orderer.Url, port = network.Orderer.Port, tlsCaCert = network.Orderer.TlsCaCertificatePath },
            peers = network.Peers.Select(p => new { name = p.Name, mspId = p.MspId, url = p.Url, port = p.Port, tlsCaCert = p.TlsCaCertificatePath }),
            chaincodes = network.Options.Chaincodes.Select(c => new { name = c.Name, version = c.Version, address = c.Address, policy = c.EndorsementPolicy }),
        };
        File.WriteAllText(Path.Combine(data, DescriptionFile), JsonSerializer.Serialize(description, new JsonSerializerOptions { WriteIndented = true }));
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Dev network up: pid {Pid}, data {DataDirectory}, first peer port {BasePort}, batch timeout {BatchTimeoutMs} ms")]
    private static partial void LogStarting(ILogger logger, int pid, string dataDirectory, int basePort, int batchTimeoutMs);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Chaincode {Name} ({PackageId}) served as a service at {Address}, endorsement policy {Policy}")]
    private static partial void LogChaincode(ILogger logger, string name, string packageId, string address, string policy);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Peer {Name} ({MspId}) at {Url}")]
    private static partial void LogPeer(ILogger logger, string name, string mspId, string url);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Dev network ready: channel {ChannelId}, height {Height}, profile {Profile}")]
    private static partial void LogReady(ILogger logger, string channelId, ulong height, string profile);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Stopping the dev network")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Warning, Message = "A peer could not dial a started chaincode before ready (it redials on the first transaction): {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Error, Message = "The dev network could not start")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);
}
