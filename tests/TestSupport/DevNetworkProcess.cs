using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TestSupport;

/// <summary>The built Fabric.DevNetwork program run as a child process (<c>dotnet Fabric.DevNetwork.dll ...</c>).</summary>
public sealed class DevNetworkProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevNetworkProcess(Process process) => _process = process;

    /// <summary>The program's path, built next to this test project's configuration (Debug or Release).</summary>
    public static string ProgramPath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "network", "src", "Fabric.DevNetwork", "bin", configuration, "net10.0", "Fabric.DevNetwork.dll");
        }
    }

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public static DevNetworkProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ProgramPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var result = new DevNetworkProcess(process);
        process.OutputDataReceived += (_, e) => result.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => result.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs a short command (status, down) to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using var process = Start(arguments);
        await process._process.WaitForExitAsync().WaitAsync(TestTimeouts.Long);
        return (process._process.ExitCode, process.Output);
    }

    public Task WaitUntilReadyAsync() => _ready.Task.WaitAsync(TestTimeouts.Long);

    /// <summary>
    /// The process's peak resident set so far (<c>VmHWM</c> in <c>/proc/&lt;pid&gt;/status</c>, Linux), in bytes: the
    /// network alone, since the chaincode and the clients run elsewhere.
    /// </summary>
    public long PeakResidentBytes() => StatusKilobytes("VmHWM") * 1024;

    /// <summary>The process's current resident set (<c>VmRSS</c>), in bytes.</summary>
    public long ResidentBytes() => StatusKilobytes("VmRSS") * 1024;

    private long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field}");
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Long);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process gets no chance to flush or clean up.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Long);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }

        if (line == "ready")
        {
            _ready.TrySetResult();
        }
    }
}
