using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// The dev network tool (<c>fabric-devnet up</c>) as a child process, told to start the health-records
/// chaincode server as its own child: the chaincode listens on a free loopback port and the peers dial it
/// there, as Fabric peers dial a <c>ccaas</c> chaincode. Ready once the tool has written the profile and
/// <c>&lt;data&gt;/network.json</c> and printed its <c>ready</c> line. Disposing stops it (SIGTERM; it stops
/// the peers, then the chaincode) and kills it by pid if it does not exit in time.
/// </summary>
internal sealed class DevNetworkProcess : IAsyncDisposable
{
    /// <summary>The chaincode's name on the channel.</summary>
    public const string ChaincodeName = "healthrecords";

    /// <summary>The chaincode's package id on the dev network (label:hash form, as Fabric's lifecycle makes them).</summary>
    public const string PackageId = "healthrecords_1.0:dev";

    /// <summary>The policy of the Docker test network: both organisations endorse every transaction.</summary>
    public const string EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer')";

    /// <summary>How long the tool may take to be ready (crypto generation and a cold start on a loaded machine).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Queue<string> _errors = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private DevNetworkProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    /// <summary>The tool's pid.</summary>
    public int Pid => _process.Id;

    /// <summary>The data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The connection profile the tool wrote.</summary>
    public string ProfilePath => Path.Combine(DataDirectory, "connection-profile.json");

    /// <summary>The tool's log (it appends its own, the peers' and the chaincode's entries).</summary>
    public string LogFile => Path.Combine(DataDirectory, "network.log");

    /// <summary>The channel.</summary>
    public string ChannelId { get; private set; } = string.Empty;

    /// <summary>The chaincode server's address (<c>127.0.0.1:port</c>).</summary>
    public string ChaincodeAddress { get; private set; } = string.Empty;

    /// <summary>The peers: name, MSP id, Gateway URL.</summary>
    public IReadOnlyList<(string Name, string MspId, string Url)> Peers { get; private set; } = [];

    /// <summary>Completes when the tool exits (for whatever reason).</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>The tool's exit code (after <see cref="Exited"/>).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the tool on <paramref name="dataDirectory"/> and waits until it is ready: its <c>ready</c> line
    /// (the profile is written and every peer has dialled the chaincode), then a Gateway call (qscc
    /// <c>GetChainInfo</c>) answered by every peer of the profile, so that the first command finds it usable.
    /// </summary>
    /// <param name="output">Where the readiness check's context writes (nothing, in practice).</param>
    /// <param name="devNetwork">The dev network program (see <see cref="ToolLocator.DevNetwork"/>).</param>
    /// <param name="chaincode">The chaincode server program (see <see cref="ToolLocator.Chaincode"/>).</param>
    /// <param name="dataDirectory">The data folder.</param>
    /// <param name="basePort">The first peer's port; 0 for ephemeral ports.</param>
    /// <param name="batchTimeoutMs">The orderer's batch timeout.</param>
    /// <param name="cancellationToken">Cancels starting (the child is stopped).</param>
    /// <exception cref="CliException">START_FAILED when the tool exits before it is ready or is not ready in time.</exception>
    public static async Task<DevNetworkProcess> StartAsync(CliOutput output, string devNetwork, string chaincode, string dataDirectory, int basePort, int batchTimeoutMs, CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(data);
        var info = ToolLocator.StartInfo(devNetwork);
        foreach (var argument in new[]
        {
            "up", "--data", data, "--port", basePort.ToString(CultureInfo.InvariantCulture),
            "--batch-timeout-ms", batchTimeoutMs.ToString(CultureInfo.InvariantCulture),
            "--chaincode-command", $"{ChaincodeName}={chaincode}",
            "--package-id", $"{ChaincodeName}={PackageId}",
            "--policy", $"{ChaincodeName}={EndorsementPolicy}",
            // The log file keeps everything; the console (which we read) only what went wrong.
            "--log-level", "Warning",
            // If this process dies without stopping it, the closed pipe stops the network.
            "--stop-when-stdin-closes",
        })
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info };
        var child = new DevNetworkProcess(process, data);
        process.OutputDataReceived += (_, e) => child.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnError(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new CliException(ExitCodes.NotFound, "TOOL_NOT_FOUND", $"could not run the dev network tool {devNetwork}: {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            child.ReadDescription();
            await child.WaitUntilPeersAnswerAsync(output, cancellationToken).ConfigureAwait(false);
            return child;
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            var exited = _process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(_ready.Task, exited).ConfigureAwait(false) != _ready.Task)
            {
                // Rethrows a cancellation; otherwise the tool exited first. WaitForExitAsync returns after
                // both readers reached the end of their streams, so the error lines are complete.
                await exited.ConfigureAwait(false);
                throw new CliException(ExitCodes.Failed, "START_FAILED", $"the dev network tool exited with {_process.ExitCode} before it was ready: {ErrorText()}", $"see {LogFile}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Failed, "START_FAILED", $"the dev network tool (pid {_process.Id}) was not ready within {StartTimeout.TotalSeconds:0} s", $"see {LogFile}");
        }
    }

    private async Task WaitUntilPeersAnswerAsync(CliOutput output, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        using var checking = new CliContext(output, ProfilePath);
        var profile = checking.Profile;
        try
        {
            foreach (var peer in profile.Peers.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var signer = PeerHealthCheck.PickIdentity(profile, peer);
                while (true)
                {
                    // Each check is bounded by PeerHealthCheck.Timeout; a cold peer may miss the first ones.
                    var state = await PeerHealthCheck.CheckAsync(checking, peer, signer, timeout.Token).ConfigureAwait(false);
                    if (state.State == PeerState.Up)
                    {
                        break;
                    }

                    if (_process.HasExited || state.State is PeerState.TlsError or PeerState.Unchecked)
                    {
                        throw new CliException(ExitCodes.Failed, "START_FAILED", $"the dev network's peer {peer.Name} does not answer: {state.State} {state.Error}", $"see {LogFile}");
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Failed, "START_FAILED", $"the dev network's peers did not all answer within {StartTimeout.TotalSeconds:0} s", $"see {LogFile}");
        }
    }

    /// <summary>Reads <c>&lt;data&gt;/network.json</c>, which the tool writes before its ready line.</summary>
    private void ReadDescription()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "network.json")));
        var root = document.RootElement;
        ChannelId = root.GetProperty("channel").GetString() ?? string.Empty;
        Peers = root.GetProperty("peers").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString() ?? string.Empty, p.GetProperty("mspId").GetString() ?? string.Empty, p.GetProperty("url").GetString() ?? string.Empty))
            .ToList();
        ChaincodeAddress = root.GetProperty("chaincodes").EnumerateArray()
            .Where(c => c.GetProperty("name").GetString() == ChaincodeName)
            .Select(c => c.GetProperty("address").GetString())
            .FirstOrDefault() ?? string.Empty;
    }

    private void OnOutput(string? line)
    {
        if (line == "ready")
        {
            _ready.TrySetResult();
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errors)
        {
            _errors.Enqueue(line);
            if (_errors.Count > 20)
            {
                _errors.Dequeue();
            }
        }
    }

    private string ErrorText()
    {
        lock (_errors)
        {
            return _errors.Count == 0 ? "no error output" : string.Join(" | ", _errors);
        }
    }

    /// <summary>SIGTERM (the tool cuts its last block, closes the ledger and stops the chaincode), then kills it by pid after 30 s. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    await BackgroundNetwork.TerminateAsync(_process, CancellationToken.None).ConfigureAwait(false);
                }
                catch (CliException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }
}
