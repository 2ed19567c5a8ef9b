using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting.Internal;

/// <summary>
/// A chaincode-as-a-service program that <c>up --chaincode-command</c> runs as a child process: it gets
/// <c>CHAINCODE_ID</c> and <c>CHAINCODE_SERVER_ADDRESS</c> as a ccaas container does, its output goes to
/// the network's log, and it is stopped (SIGTERM, then killed) after the peers. On Unix it also stops when
/// the network dies without stopping it (SIGKILL, a crash): see <see cref="ParentWatch"/>.
/// </summary>
internal sealed partial class ChaincodeProcess : IAsyncDisposable
{
    /// <summary>How long a chaincode may take to listen.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<string> _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private ChaincodeProcess(Process process, ILogger logger)
    {
        _process = process;
        _logger = logger;
    }

    /// <summary>The child's pid.</summary>
    public int Id => _process.Id;

    /// <summary>
    /// Starts <paramref name="command"/> for <paramref name="definition"/> and waits until it serves: until
    /// it announces its port (<c>listening on HOST:PORT</c>, optionally with <c>http://</c>, on standard output) when its address has port 0,
    /// else until its address accepts a TCP connection. Returns the process and the address it serves.
    /// </summary>
    public static async Task<(ChaincodeProcess Process, string Address)> StartAsync(
        string command, ChaincodeDefinition definition, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(command);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the chaincode program of '{definition.Name}' does not exist: {path}", path);
        }

        var info = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo(DotnetHost()) { ArgumentList = { path } }
            : new ProcessStartInfo(path);
        if (!OperatingSystem.IsWindows())
        {
            info = WatchingParent(info);
        }

        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["CHAINCODE_ID"] = definition.PackageId;
        info.Environment["CHAINCODE_SERVER_ADDRESS"] = definition.Address;
        var logger = loggerFactory.CreateLogger("Fabric.DevNetwork.Chaincode." + definition.Name);
        var process = new Process { StartInfo = info };
        var child = new ChaincodeProcess(process, logger);
        process.OutputDataReceived += (_, e) => child.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnError(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LogStarted(logger, definition.Name, process.Id, path);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var address = await child.WaitUntilServingAsync(definition.Address, timeout.Token).ConfigureAwait(false);
            return (child, address);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"the chaincode '{definition.Name}' (pid {process.Id}) did not serve within {StartTimeout.TotalSeconds:0} s");
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The shell that starts the chaincode under <see cref="ParentWatch"/>: the program keeps the pid the
    /// shell had (it is exec'd), and a watcher beside it reads the pipe on standard input that only this
    /// process writes to.
    /// </summary>
    private static ProcessStartInfo WatchingParent(ProcessStartInfo program)
    {
        var info = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", ParentWatch, "fabric-devnet-chaincode", program.FileName } };
        foreach (var argument in program.ArgumentList)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardInput = true;
        return info;
    }

    /// <summary>
    /// A dead parent cannot stop its child, and a chaincode program need not watch anything, so a watcher
    /// does: when the network's end of the stdin pipe closes (it exits, however it dies), the watcher sends
    /// the program SIGTERM, then SIGKILL if it still runs 15 s later. The watcher's output goes nowhere, so
    /// that the network sees end-of-file on the program's output when the program ends. Fd 3 carries the
    /// pipe past the <c>/dev/null</c> a background job gets as its standard input.
    /// </summary>
    internal const string ParentWatch = """
        exec 3<&0
        {
          while read -r _; do :; done
          kill -TERM $$ 2>/dev/null
          i=0
          while [ $i -lt 150 ] && kill -0 $$ 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
          kill -0 $$ 2>/dev/null && kill -KILL $$ 2>/dev/null
        } <&3 >/dev/null 2>&1 &
        exec "$@" 3<&- </dev/null
        """;

    private async Task<string> WaitUntilServingAsync(string address, CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        if (address.EndsWith(":0", StringComparison.Ordinal))
        {
            var first = await Task.WhenAny(_announced.Task, exited).ConfigureAwait(false);
            if (first != _announced.Task)
            {
                await exited.ConfigureAwait(false); // rethrows a cancellation
                throw Exited();
            }

            return await _announced.Task.ConfigureAwait(false);
        }

        var (host, port) = SplitAddress(address);
        while (true)
        {
            if (exited.IsCompleted)
            {
                await exited.ConfigureAwait(false);
                throw Exited();
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
                return address;
            }
            catch (SocketException)
            {
                // not listening yet: try again shortly (the exit check above ends a program that failed)
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private InvalidOperationException Exited() =>
        new($"the chaincode program (pid {_process.Id}) exited with {_process.ExitCode} before it served; see the network log");

    private static (string Host, int Port) SplitAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? (address[..colon], port)
            : throw new ArgumentException($"a chaincode address is host:port, not '{address}'");
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        LogOutput(_logger, line);
        if (!_announced.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } match)
        {
            _announced.TrySetResult(match.Groups["address"].Value);
        }
    }

    private void OnError(string? line)
    {
        if (line is not null)
        {
            LogError(_logger, line);
        }
    }

    /// <summary>SIGTERM so the chaincode closes its streams, then up to 15 s before it is killed. Idempotent.</summary>
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
                await SignalTerminateAsync(_process.Id).ConfigureAwait(false);
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            LogExited(_logger, _process.Id, _process.ExitCode);
            if (_process.StartInfo.RedirectStandardInput)
            {
                // Lets the watcher go: the program it watched has exited.
                _process.StandardInput.Close();
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }

    private static async Task SignalTerminateAsync(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
        if (kill is not null)
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The host that runs a .dll: the one running this process when it is <c>dotnet</c>, else <c>dotnet</c> on the PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? processPath : "dotnet";
    }

    // "listening on 127.0.0.1:41234" or "... listening on http://127.0.0.1:41234 (TLS: False)": the C# shim's log line.
    [GeneratedRegex(@"listening on (?:https?://)?(?<address>[^\s:/]+:[1-9][0-9]*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningLine();

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Started chaincode {Name} (pid {Pid}): {Path}")]
    private static partial void LogStarted(ILogger logger, string name, int pid, string path);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogOutput(ILogger logger, string line);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogError(ILogger logger, string line);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Information, Message = "Chaincode process {Pid} exited with {ExitCode}")]
    private static partial void LogExited(ILogger logger, int pid, int exitCode);
}
