using System.CommandLine;
using System.Diagnostics;
using HealthRecords.Cli.Internal;
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

    /// <summary><c>--devnet-command</c>: where the dev network tool is (shared with <c>demo</c>).</summary>
    public static Option<string?> DevNetworkCommandOption() => new("--devnet-command")
    {
        Description = $"The dev network program to run (an executable, or a .dll run with dotnet; default ${ToolLocator.DevNetworkVariable}, else {ToolLocator.DevNetworkCommand} on the PATH, else this repository's build)",
    };

    /// <summary><c>--chaincode-command</c>: where the chaincode server is (shared with <c>demo</c>).</summary>
    public static Option<string?> ChaincodeCommandOption() => new("--chaincode-command")
    {
        Description = $"The health-records chaincode server the dev network starts (default ${ToolLocator.ChaincodeVariable}, else {ToolLocator.ChaincodeCommand} on the PATH, else this repository's build)",
    };

    private static Command CreateUp(CommandFactory factory)
    {
        var up = new Command("up", "Start the dev network tool (fabric-devnet) and the chaincode server as child processes (Ctrl-C stops them), or in the background with --detach");
        var data = DataOption();
        var port = new Option<int>("--port") { Description = $"Port of the first peer, the next +2000 (0 = ephemeral ports; default ${DevNetworkState.PortVariable}, else 7051)", DefaultValueFactory = _ => DevNetworkState.DefaultPort };
        var batch = new Option<int>("--batch-timeout-ms") { Description = "Orderer batch timeout in ms (a block is cut this long after its first transaction)", DefaultValueFactory = _ => 100 };
        var detach = new Option<bool>("--detach", "-d") { Description = "Run in a background process; returns once the network is ready (stop it with 'hrec network down')" };
        up.Options.Add(data);
        up.Options.Add(port);
        up.Options.Add(batch);
        up.Options.Add(detach);
        var devNetworkCommand = DevNetworkCommandOption();
        var chaincodeCommand = ChaincodeCommandOption();
        up.Options.Add(devNetworkCommand);
        up.Options.Add(chaincodeCommand);
        factory.Handle(up, async (parse, context, ct) =>
        {
            var state = new DevNetworkState(parse.GetValue(data)!);
            if (state.RunningPid() is { } running)
            {
                throw new CliException(ExitCodes.Conflict, "ALREADY_RUNNING", $"a dev network is already running on {state.DataDirectory} (pid {running})", "stop it with 'hrec network down'");
            }

            var basePort = parse.GetValue(port);
            var batchMs = parse.GetValue(batch);
            var devNetwork = ToolLocator.DevNetwork(parse.GetValue(devNetworkCommand));
            var chaincode = ToolLocator.Chaincode(parse.GetValue(chaincodeCommand));
            if (parse.GetValue(detach))
            {
                return await BackgroundNetwork.DetachAsync(context.Output, state, basePort, batchMs, devNetwork, chaincode, ct).ConfigureAwait(false);
            }

            // fabric-devnet logs itself, the peers and the chaincode to <data>/network.log, in both modes
            // (a detached network's standard output is gone once 'network up --detach' returns).
            var network = await DevNetworkProcess.StartAsync(context.Output, devNetwork, chaincode, state.DataDirectory, basePort, batchMs, ct).ConfigureAwait(false);
            await using (network.ConfigureAwait(false))
            {
                // After the tool's own pid file: this process is the one 'network down' stops (it stops the
                // tool, which stops the chaincode), and whoever reads the report ('network up --detach') can
                // rely on the pid file being there.
                state.WritePid(Environment.ProcessId);
                try
                {
                    ReportUp(context.Output, network, Environment.ProcessId);
                    try
                    {
                        await network.Exited.WaitAsync(ct).ConfigureAwait(false);
                        throw new CliException(ExitCodes.Failed, "NETWORK_EXITED", $"the dev network tool (pid {network.Pid}) exited with {network.ExitCode}", $"see {network.LogFile}");
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
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

    private static void ReportUp(CliOutput output, DevNetworkProcess network, int pid)
    {
        var peers = network.Peers.Select(p => new { name = p.Name, mspId = p.MspId, url = p.Url }).ToList();
        output.Result(new { up = true, pid, devNetworkToolPid = network.Pid, channel = network.ChannelId, chaincode = new { name = DevNetworkProcess.ChaincodeName, address = network.ChaincodeAddress, policy = DevNetworkProcess.EndorsementPolicy }, peers, profile = network.ProfilePath, log = network.LogFile });
        output.Markup($"[green]dev network up[/]: channel {Markup.Escape(network.ChannelId)}, chaincode healthrecords at {network.ChaincodeAddress} ({Markup.Escape(DevNetworkProcess.EndorsementPolicy)})");
        foreach (var peer in network.Peers)
        {
            output.Line($"  {peer.Name} ({peer.MspId}) {peer.Url}");
        }

        output.Line($"profile: {network.ProfilePath}");
        output.Line($"log: {network.LogFile}");
        output.Line("ready (Ctrl-C to stop)");
    }
}
