using HealthRecords.Cli.Internal;
using TestSupport;

namespace HealthRecords.Cli.Tests.DocCommands;

/// <summary>
/// Runs every shell command of README.md and docs/cli.md, in that order, as a reader would type them,
/// against a fresh dev network (its own data folder, ephemeral ports), and fails on the first exit code
/// that the documentation does not state (see <see cref="DocCommandExtractor"/> for the convention).
/// </summary>
public sealed class DocCommandsTests
{
    /// <summary>The documents whose commands are run, in reading order.</summary>
    public static readonly string[] Documents = ["README.md", "docs/cli.md"];

    // make hrec (a no-op after a Release build), two dev-network starts and some thirty commands, on a
    // shared CI machine.
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void Extract_Documents_FindTheSessionsOfBothDocuments()
    {
        var commands = ReadCommands();

        Assert.Equal(Documents, commands.Select(c => c.File).Distinct());
        Assert.Contains(commands, c => c.File == "README.md" && c.Text.StartsWith("make hrec", StringComparison.Ordinal));
        Assert.Equal(2, commands.Count(c => c.Text.StartsWith("hrec network up --detach", StringComparison.Ordinal)));
        Assert.Contains(commands, c => c.ExpectedExitCode == ExitCodes.Denied);
    }

    [Fact]
    public async Task Script_UnexpectedExitCode_StopsAndNamesTheCommand()
    {
        using var temp = new TemporaryDirectory();
        var script = Path.Combine(temp.Path, "script.sh");
        File.WriteAllText(script, DocCommandScript.Build(
        [
            new DocCommand("doc.md", 2, "sh -c 'exit 2'   # refused: exit 2", 2),
            new DocCommand("doc.md", 3, "false", 0),
            new DocCommand("doc.md", 4, "echo never", 0),
        ]));

        var run = await BashRun.RunAsync(script, temp.Path, new Dictionary<string, string>(), [], TestTimeouts.Long);

        Assert.Equal(DocCommandScript.UnexpectedExit, run.ExitCode);
        Assert.Contains(DocCommandScript.FailurePrefix + "doc.md:3: false: exit 1, expected 0", run.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("never", run.Log.Replace("echo never", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_EveryShellCommand_RunsAsWritten()
    {
        var commands = ReadCommands();
        using var temp = new TemporaryDirectory();
        var data = Path.Combine(temp.Path, "devnet");
        var script = Path.Combine(temp.Path, "doc-commands.sh");
        File.WriteAllText(script, DocCommandScript.Build(commands));

        BashRun run;
        try
        {
            run = await BashRun.RunAsync(
                script,
                RepositoryPaths.Root,
                new Dictionary<string, string>
                {
                    // The reader's defaults (.devnet, port 7051) moved to a folder of this test and to
                    // ephemeral ports, so that a network the developer runs is left alone.
                    [DevNetworkState.DataVariable] = data,
                    [DevNetworkState.PortVariable] = "0",
                },
                // Nothing of the developer's own hrec setup (hrec finds the tools `make hrec` built beside
                // their projects), and no jobserver of an outer make.
                [GlobalOptions.ProfileVariable, GlobalOptions.IdentityVariable, "HREC_STORE", ToolLocator.DevNetworkVariable, ToolLocator.ChaincodeVariable, "MAKEFLAGS", "MFLAGS", "MAKELEVEL"],
                ScriptTimeout);
        }
        finally
        {
            // A failed command leaves the detached network running: stop it (it is this test's own).
            await HrecCommandLine.RunAsync(["network", "down", "--data", data], TextWriter.Null, TextWriter.Null).WaitAsync(TestTimeouts.Long);
        }

        Assert.False(run.TimedOut, $"the documented commands did not finish within {ScriptTimeout}:\n{run.Log}");
        Assert.True(run.ExitCode == 0, $"a documented command failed (exit {run.ExitCode}):\n{run.Log}");
        Assert.Contains("doc-commands: all passed", run.Log, StringComparison.Ordinal);
    }

    private static List<DocCommand> ReadCommands() =>
        Documents.SelectMany(d => DocCommandExtractor.Extract(d, File.ReadAllText(Path.Combine(RepositoryPaths.Root, d)))).ToList();
}
