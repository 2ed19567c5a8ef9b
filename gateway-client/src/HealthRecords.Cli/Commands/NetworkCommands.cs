using System.CommandLine;
using System.Diagnostics;
using Fabric.DevNetwork.Hosting;
using HealthRecords.Cli.Internal;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec network up|down|status</c>: the single-process dev network with the chaincode as a service.</summary>
internal static class NetworkCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("network", "Run the dev network (two organisations, channel healthchannel, chaincode healthrecords as a service)");
        command.Subcommands.Add(CreateUp(factory));
        command.Subcommands.Add(CreateDown(factory));
        command.Subcommands.Add(CreateStatus(factory));
        return command;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = $"The network's data folder (crypto material, ledger, connection-profile.json, network.log; default ${DevNetworkState.DataVariable}, else .devnet)",
        DefaultValueFactory = _ => DevNetworkState.DefaultData,
    };

    private static Command CreateUp(CommandFactory factory)
    {
        var up = new Command("up", "Start the dev network and the chaincode server in this process (Ctrl-C stops), or in the background with --detach");
        var data = DataOption();
        var port = new Option<int>("--port") { Description = $"Port of the first peer, the next +2000 (0 = ephemeral ports; default ${DevNetworkState.PortVariable}, else 7051)", DefaultValueFactory = _ => DevNetworkState.DefaultPort };
        var batch = new Option<int>("--batch-timeout-ms") { Description = "Orderer batch timeout in ms (a block is cut this long after its first transaction)", DefaultValueFactory = _ => 100 };
        var detach = new Option<bool>("--detach", "-d") { Description = "Run in a background process; returns once the network is ready (stop it with 'hrec network down')" };
        up.Options.Add(data);
        up.Options.Add(port);
        up.Options.Add(batch);
        up.Options.Add(detach);
        factory.Handle(up, async (parse, context, ct) =>
        {
            var state = new DevNetworkState(parse.GetValue(data)!);
            if (state.RunningPid() is { } running)
            {
                throw new CliException(ExitCodes.Conflict, "ALREADY_RUNNING", $"a dev network is already running on {state.DataDirectory} (pid {running})", "stop it with 'hrec network down'");
            }

            var basePort = parse.GetValue(port);
            var batchMs = parse.GetValue(batch);
            if (parse.GetValue(detach))
            {
                return await BackgroundNetwork.DetachAsync(context.Output, state, basePort, batchMs, ct).ConfigureAwait(false);
            }

            // The network, the ledger and the chaincode log to <data>/network.log, in both modes (a
            // detached network's standard output is gone once 'network up --detach' returns).
            Directory.CreateDirectory(state.DataDirectory);
            using var fileLog = new FileLoggerProvider(state.LogFile);
            using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning).AddProvider(fileLog));
            var logger = loggerFactory.CreateLogger(NetworkLog.Category);
            NetworkLog.Starting(logger, Environment.ProcessId, state.DataDirectory, basePort, batchMs);
            DevNetworkHost host;
            try
            {
                host = await DevNetworkHost.StartAsync(new DevNetworkHostOptions
                {
                    DataDirectory = state.DataDirectory,
                    BasePort = basePort,
                    BatchTimeout = TimeSpan.FromMilliseconds(batchMs),
                    LoggerFactory = loggerFactory,
                }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                NetworkLog.StartFailed(logger, e);
                throw;
            }

            await using (host.ConfigureAwait(false))
            {
                NetworkLog.ChaincodeServing(logger, "healthrecords", DevNetworkHost.PackageId, host.ChaincodeAddress, DevNetworkHost.EndorsementPolicy);
                foreach (var peer in host.Network.Peers)
                {
                    NetworkLog.Peer(logger, peer.Name, peer.MspId, peer.Url);
                }

                NetworkLog.Ready(logger, host.Network.ChannelId, host.Network.Ledger.Height, host.ProfilePath);

                // The pid file first, then the report: whoever reads the report ('network up --detach')
                // can rely on the pid file being there.
                state.WritePid(Environment.ProcessId);
                try
                {
                    ReportUp(context.Output, host, Environment.ProcessId, state.LogFile);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        NetworkLog.Stopping(logger);
                        context.Output.Line("stopping the dev network");
                    }
                }
                finally
                {
                    state.DeletePid();
                }
            }

            return ExitCodes.Success;
        });
        return up;
    }

    private static Command CreateDown(CommandFactory factory)
    {
        var down = new Command("down", "Stop the dev network started with 'hrec network up' (ledger and crypto material stay in the data folder)");
        var data = DataOption();
        down.Options.Add(data);
        factory.Handle(down, async (parse, context, ct) =>
        {
            var state = new DevNetworkState(parse.GetValue(data)!);
            if (state.RunningPid() is not { } pid)
            {
                context.Output.Result(new { running = false, dataDirectory = state.DataDirectory });
                context.Output.Line($"not running ({state.DataDirectory})");
                return ExitCodes.Success;
            }

            if (pid == Environment.ProcessId)
            {
                throw CliException.Usage("the dev network runs in this process; cancel its 'network up' instead");
            }

            using var process = Process.GetProcessById(pid);
            await BackgroundNetwork.TerminateAsync(process, ct).ConfigureAwait(false);
            state.DeletePid();
            context.Output.Result(new { running = false, stoppedPid = pid, dataDirectory = state.DataDirectory });
            context.Output.Markup($"[green]stopped[/] the dev network (pid {pid})");
            return ExitCodes.Success;
        });
        return down;
    }

    private static Command CreateStatus(CommandFactory factory)
    {
        var status = new Command("status", "Is the network up? Asks every peer of the profile for its ledger height over TLS (exit 0 all up, 4 otherwise)");
        var data = DataOption();
        status.Options.Add(data);
        factory.Handle(status, async (parse, context, ct) =>
        {
            var state = new DevNetworkState(parse.GetValue(data)!);
            var pid = state.RunningPid();
            // An explicit --data names the dev network to check; otherwise the profile (--profile, HREC_PROFILE, .devnet) does.
            var profilePath = parse.GetResult(data) is { Implicit: false } ? state.ProfilePath : Path.GetFullPath(context.ProfilePath);
            var identity = parse.GetValue(factory.Globals.Identity)
                ?? (Environment.GetEnvironmentVariable(GlobalOptions.IdentityVariable) is { Length: > 0 } named && !string.IsNullOrWhiteSpace(named) ? named : null);
            var peers = new List<PeerState>();
            if (File.Exists(profilePath))
            {
                using var checking = new CliContext(context.Output, profilePath);
                var profile = checking.Profile;
                // One peer after another: each check is bounded by PeerHealthCheck.Timeout.
                foreach (var peer in profile.Peers.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    var signer = identity ?? PeerHealthCheck.PickIdentity(profile, peer);
                    peers.Add(await PeerHealthCheck.CheckAsync(checking, peer, signer, ct).ConfigureAwait(false));
                }
            }

            var up = peers.Count > 0 && peers.All(p => p.State == PeerState.Up);
            context.Output.Result(new
            {
                up,
                devNetworkPid = pid,
                dataDirectory = state.DataDirectory,
                profile = File.Exists(profilePath) ? profilePath : null,
                peers = peers.Select(p => new { name = p.Name, url = p.Url, mspId = p.MspId, state = p.State, reachable = p.Reachable, height = p.Height, error = p.Error }),
            });
            context.Output.Markup(up ? "[green]up[/]" : "[red]down[/]" + (peers.Count == 0 ? $" (no profile at {Markup.Escape(profilePath)})" : string.Empty));
            if (pid is not null)
            {
                context.Output.Line($"dev network pid {pid}, data {state.DataDirectory}");
            }

            foreach (var peer in peers)
            {
                context.Output.Line(peer.State == PeerState.Up
                    ? $"  {peer.Name} {peer.Url} up, ledger height {peer.Height}"
                    : $"  {peer.Name} {peer.Url} {peer.State.ToUpperInvariant()}: {peer.Error}");
            }

            return up ? ExitCodes.Success : ExitCodes.Unavailable;
        });
        return status;
    }

    private static void ReportUp(CliOutput output, DevNetworkHost host, int pid, string logFile)
    {
        var peers = host.Network.Peers.Select(p => new { name = p.Name, mspId = p.MspId, url = p.Url }).ToList();
        output.Result(new { up = true, pid, channel = host.Network.ChannelId, chaincode = new { name = "healthrecords", address = host.ChaincodeAddress, policy = DevNetworkHost.EndorsementPolicy }, peers, profile = host.ProfilePath, log = logFile });
        output.Markup($"[green]dev network up[/]: channel {Markup.Escape(host.Network.ChannelId)}, chaincode healthrecords at {host.ChaincodeAddress} ({DevNetworkHost.EndorsementPolicy})");
        foreach (var peer in host.Network.Peers)
        {
            output.Line($"  {peer.Name} ({peer.MspId}) {peer.Url}");
        }

        output.Line($"profile: {host.ProfilePath}");
        output.Line($"log: {logFile}");
        output.Line("ready (Ctrl-C to stop)");
    }

}
