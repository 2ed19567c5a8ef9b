using System.Diagnostics;
using System.Text;

namespace HealthRecords.Cli.Tests.DocCommands;

/// <summary>A bash script run to its end (or killed at a timeout), with its interleaved output.</summary>
public sealed record BashRun(int ExitCode, string Log, bool TimedOut)
{
    /// <summary>
    /// Runs <c>bash <paramref name="scriptPath"/></c> in <paramref name="workingDirectory"/> with the
    /// test's environment minus <paramref name="removeVariables"/>, plus <paramref name="variables"/>.
    /// </summary>
    public static async Task<BashRun> RunAsync(
        string scriptPath,
        string workingDirectory,
        IReadOnlyDictionary<string, string> variables,
        IEnumerable<string> removeVariables,
        TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash")
        {
            ArgumentList = { scriptPath },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var name in removeVariables)
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        var log = new StringBuilder();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (log)
                {
                    log.AppendLine(line);
                }
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }

        lock (log)
        {
            return new BashRun(timedOut ? -1 : process.ExitCode, log.ToString(), timedOut);
        }
    }
}
