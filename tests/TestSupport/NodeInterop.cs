using System.Diagnostics;
using System.Text;

namespace TestSupport;

/// <summary>
/// Runs scripts under tests/interop with the machine's Node.js, where the official Fabric and gRPC
/// Node packages are installed (npm ci, done by `make test` and .ci/run).
/// </summary>
public static class NodeInterop
{
    /// <summary>The tests/interop folder.</summary>
    public static string InteropDirectory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "interop");

    /// <summary>Fails with a clear message when the npm packages have not been installed.</summary>
    public static void EnsureInstalled()
    {
        var modules = Path.Combine(InteropDirectory, "node_modules");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException(
                $"Node interop packages are missing: run 'npm ci --prefix {InteropDirectory}' (make test does it).");
        }
    }

    /// <summary>
    /// Runs a script to completion and returns its standard output. Fails the test, with the
    /// script's standard error, when it exits non-zero or outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout, string? standardInput = null)
    {
        await using var process = NodeProcess.Start(script, arguments);
        if (standardInput is not null)
        {
            await process.Input.WriteAsync(standardInput).ConfigureAwait(false);
        }

        process.Input.Close();
        return await process.WaitForSuccessAsync(timeout).ConfigureAwait(false);
    }
}

/// <summary>A running Node script whose output lines can be awaited (for servers that print their port).</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    private NodeProcess(Process process) => _process = process;

    /// <summary>The script's standard input.</summary>
    public StreamWriter Input => _process.StandardInput;

    /// <summary>The process id (benchmarks read its CPU time from /proc).</summary>
    public int Id => _process.Id;

    /// <summary>Starts <paramref name="script"/> (a path relative to tests/interop).</summary>
    public static NodeProcess Start(string script, IEnumerable<string> arguments)
    {
        NodeInterop.EnsureInstalled();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeInterop.InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data, node._stdout, matchWaiters: true);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data, node._stderr, matchWaiters: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Everything the script has written to standard error so far.</summary>
    public string StandardError
    {
        get { lock (_gate) { return _stderr.ToString(); } }
    }

    /// <summary>Waits for the first output line that satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var line in _stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (match(line))
                {
                    return line;
                }
            }

            _waiters.Add((match, done));
        }

        var finished = await Task.WhenAny(done.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (finished != done.Task)
        {
            throw new TimeoutException($"Node script printed no expected line within {timeout}. stderr: {StandardError}");
        }

        return await done.Task.ConfigureAwait(false);
    }

    /// <summary>Completes when the script exits (so a wait for a line can stop early on a failed start).</summary>
    public Task ExitedAsync() => _process.WaitForExitAsync();

    /// <summary>Waits for a zero exit and returns standard output.</summary>
    public async Task<string> WaitForSuccessAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Node script did not finish within {timeout}. stderr: {StandardError}");
        }

        lock (_gate)
        {
            if (_process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Node script exited with {_process.ExitCode}. stderr: {_stderr}");
            }

            return _stdout.ToString();
        }
    }

    /// <summary>Kills the script if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }

        _process.Dispose();
    }

    private void OnLine(string? line, StringBuilder sink, bool matchWaiters)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            sink.Append(line).Append('\n');
            if (!matchWaiters)
            {
                return;
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    _waiters[i].Done.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
