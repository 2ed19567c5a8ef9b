using System.Text.Json;
using TestNetwork.Tests.Infrastructure;
using TestSupport;

namespace TestNetwork.Tests;

/// <summary>
/// The chaincode image's build context holds only what the image needs, under compose v1 as under v2.
/// docker-compose v1 itself (its config loader and docker-py's build, with the request caught before it
/// leaves) packs the context of a copy of the repository into which the files a real checkout
/// accumulates were planted: generated keys, .git, host build outputs.
/// </summary>
public sealed class BuildContextTests
{
    private static readonly string[] Planted =
    [
        "network/test-network/organizations/peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp/keystore/priv_sk",
        ".git/HEAD",
        "gateway-client/src/HealthRecords.Client/bin/Release/net10.0/HealthRecords.Client.dll",
        "chaincode/src/HealthRecords.Chaincode/obj/project.assets.json",
        "chaincode/src/HealthRecords.Chaincode/bin/Debug/net10.0/HealthRecords.Chaincode.dll",
        "artifacts/packages/HealthRecords.Client.1.0.0.nupkg",
        ".devnet/connection-profile.json",
    ];

    [RequiresToolFact("docker-compose")]
    public async Task ComposeV1Context_CheckoutWithKeysAndBuildOutputs_HoldsOnlyTheChaincodeSources()
    {
        using var copy = new TemporaryDirectory();
        var tracked = await TrackedFilesAsync();
        foreach (var file in tracked)
        {
            var target = Path.Combine(copy.Path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(TestNetworkPaths.Root, file), target);
        }

        foreach (var file in Planted)
        {
            var target = Path.Combine(copy.Path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, "planted");
        }

        var context = await ComposeV1ContextAsync(Path.Combine(copy.Path, "network", "test-network", "compose", "compose-chaincode.yaml"));

        Assert.Equal(Path.GetFullPath(copy.Path).TrimEnd('/'), context.Context.TrimEnd('/'));
        Assert.Equal("chaincode/Dockerfile", context.Dockerfile);
        Assert.DoesNotContain(context.Files, f => f.StartsWith("network/", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Files, f => f.StartsWith(".git/", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Files, f => f.StartsWith("tests/", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Files, f => f.StartsWith("artifacts/", StringComparison.Ordinal) || f.StartsWith(".devnet/", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Files, f => f.Split('/').Any(segment => segment is "bin" or "obj"));
        // Everything the Dockerfile COPYs is there.
        foreach (var needed in tracked.Where(f => f.StartsWith("gateway-client/src/", StringComparison.Ordinal) || f.StartsWith("chaincode/src/", StringComparison.Ordinal) || f.StartsWith("eng/", StringComparison.Ordinal)))
        {
            Assert.Contains(needed, context.Files);
        }

        foreach (var shared in new[] { "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", ".editorconfig", "chaincode/Dockerfile" })
        {
            Assert.Contains(shared, context.Files);
        }
    }

    [Fact]
    public void DockerIgnore_OneFileForEveryBuilder_NoDockerfileSpecificList()
    {
        // BuildKit (compose v2) prefers chaincode/Dockerfile.dockerignore over the root file, and compose v1
        // ignores it: with one, the two builders would send different contexts.
        Assert.False(File.Exists(Path.Combine(TestNetworkPaths.Root, "chaincode", "Dockerfile.dockerignore")), "chaincode/Dockerfile.dockerignore would override the root .dockerignore under BuildKit only");
        Assert.True(File.Exists(TestNetworkPaths.DockerIgnore));
    }

    /// <summary>The repository's files as git sees them (tracked, plus new files not ignored), that exist.</summary>
    private static async Task<List<string>> TrackedFilesAsync()
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], TestTimeouts.Long);
        Assert.True(exitCode == 0, error);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => File.Exists(Path.Combine(TestNetworkPaths.Root, f)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<(string Context, string Dockerfile, List<string> Files)> ComposeV1ContextAsync(string composeFile)
    {
        var script = Path.Combine(TestNetworkPaths.Root, "tests", "TestNetwork.Tests", "ComposeV1", "build_context.py");
        var (exitCode, output, error) = await ProcessRunner.RunAsync(ComposeV1Python(), [script, composeFile, "healthrecords-chaincode"], TestTimeouts.Long);
        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        return (root.GetProperty("context").GetString()!, root.GetProperty("dockerfile").GetString()!, root.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList());
    }

    /// <summary>The interpreter docker-compose v1 runs under (its shebang), so its own compose and docker-py modules load.</summary>
    private static string ComposeV1Python()
    {
        var launcher = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "docker-compose"))
            .First(File.Exists);
        var shebang = File.ReadLines(launcher).First();
        Assert.True(shebang.StartsWith("#!", StringComparison.Ordinal) && shebang.Contains("python", StringComparison.Ordinal), $"{launcher} is not docker-compose v1 (a Python script): {shebang}");
        var command = shebang[2..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return command[0].EndsWith("/env", StringComparison.Ordinal) ? command[1] : command[0];
    }
}
