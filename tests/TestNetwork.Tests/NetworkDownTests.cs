using TestNetwork.Tests.Infrastructure;
using TestSupport;

namespace TestNetwork.Tests;

/// <summary>
/// <c>network.sh down</c> with a stand-in <c>docker</c> (and <c>docker-compose</c>) on PATH that records its
/// arguments: the containers' anonymous volumes are removed with them, under compose v2 and v1.
/// </summary>
public sealed class NetworkDownTests : IDisposable
{
    private readonly TemporaryDirectory _work = new();

    private string Log => Path.Combine(_work.Path, "calls.log");

    public void Dispose() => _work.Dispose();

    [RequiresToolTheory("bash")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Down_AnyComposeVersion_RemovesContainersWithTheirAnonymousVolumesBeforeDown(bool composeV2)
    {
        var bin = Path.Combine(_work.Path, "bin");
        Directory.CreateDirectory(bin);
        // v2: `docker compose version` succeeds; v1: it fails and docker-compose is used.
        WriteScript(Path.Combine(bin, "docker"), composeV2
            ? "echo \"docker $*\" >> \"$CALLS\"; exit 0"
            : "if [ \"$1\" = compose ]; then exit 1; fi; echo \"docker $*\" >> \"$CALLS\"; exit 0");
        WriteScript(Path.Combine(bin, "docker-compose"), "echo \"docker-compose $*\" >> \"$CALLS\"; exit 0");

        var (exitCode, output, error) = await ProcessRunner.RunAsync(
            "bash",
            [Path.Combine(TestNetworkPaths.TestNetworkDirectory, "scripts", "network.sh"), "down"],
            TestTimeouts.Long,
            environment: new Dictionary<string, string?> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"), ["CALLS"] = Log });

        Assert.True(exitCode == 0, output + error);
        var compose = File.ReadAllLines(Log).Where(l => l.Contains(" -p ", StringComparison.Ordinal)).ToList();
        Assert.All(compose, l => Assert.StartsWith(composeV2 ? "docker compose " : "docker-compose ", l, StringComparison.Ordinal));
        foreach (var project in new[] { "healthrecords-testnet", "healthrecords-cc" })
        {
            var remove = compose.FindIndex(l => l.Contains("-p " + project + " ", StringComparison.Ordinal) && l.EndsWith(" rm --stop --force -v", StringComparison.Ordinal));
            var down = compose.FindIndex(l => l.Contains("-p " + project + " ", StringComparison.Ordinal) && l.Contains(" down ", StringComparison.Ordinal));
            Assert.True(remove >= 0, $"{project}: no 'rm --stop --force -v' in\n{string.Join('\n', compose)}");
            Assert.True(remove < down, $"{project}: the containers (and their anonymous volumes) must go before 'down'");
        }

        // The CouchDB containers, if any, are named too, and the named ledger volumes are kept (no --volumes).
        Assert.Contains(compose, l => l.Contains("compose-couch.yaml", StringComparison.Ordinal) && l.EndsWith(" rm --stop --force -v", StringComparison.Ordinal));
        // So are the BFT orderers (orderer2..4), whatever ORDERER_TYPE the operator passes to down.
        Assert.Contains(compose, l => l.Contains("compose-bft.yaml", StringComparison.Ordinal) && l.EndsWith(" rm --stop --force -v", StringComparison.Ordinal));
        Assert.DoesNotContain(compose, l => l.Contains("--volumes", StringComparison.Ordinal));
    }

    private static void WriteScript(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
