using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using TestSupport;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>The real chaincode executable (<c>dotnet HealthRecords.Chaincode.dll</c>) started with a chosen environment.</summary>
internal sealed class ChaincodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _lineAdded = new(0);

    private ChaincodeProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string StandardError
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    public string AllOutput => string.Join("\n", _lines) + "\n" + StandardError;

    /// <summary>Starts the chaincode with only <paramref name="environment"/> among the chaincode's variables.</summary>
    public static ChaincodeProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HealthRecords.Chaincode.dll"));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CHAINCODE_", StringComparison.Ordinal) || k.StartsWith("CORE_CHAINCODE_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var result = new ChaincodeProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                result._lines.Enqueue(e.Data);
                result._lineAdded.Release();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (result._stderr)
                {
                    result._stderr.AppendLine(e.Data);
                }

                result._lines.Enqueue(e.Data);
                result._lineAdded.Release();
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits for an output line (stdout or stderr) that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            var snapshot = _lines.ToArray();
            for (; seen < snapshot.Length; seen++)
            {
                if (match(snapshot[seen]))
                {
                    return snapshot[seen];
                }
            }

            if (_process.HasExited && _lines.Count == seen)
            {
                throw new InvalidOperationException($"the chaincode exited ({_process.ExitCode}) first:\n{AllOutput}");
            }

            try
            {
                await _lineAdded.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no matching line within {timeout}:\n{AllOutput}");
            }
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        await _process.WaitForExitAsync().WithTimeout(timeout ?? TestTimeouts.Long);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> and Kubernetes do.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WithTimeout(TestTimeouts.Short);
        Assert.Equal(0, kill.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WithTimeout(TestTimeouts.Short);
        }

        _process.Dispose();
        _lineAdded.Dispose();
    }
}
