using System.Text.RegularExpressions;
using TestNetwork.Tests.Infrastructure;
using TestSupport;

namespace TestNetwork.Tests;

/// <summary>test-network.mk: the operator targets exist, run the right commands, and agree on defaults.</summary>
public sealed partial class MakefileTests
{
    private static string Makefile => File.ReadAllText(TestNetworkPaths.TestNetworkMakefile);

    [Fact]
    public void TestNetworkMk_Targets_IncludeEveryOperatorTarget()
    {
        var targets = Target().Matches(Makefile).Select(m => m.Groups[1].Value).ToList();

        Assert.Superset(
            new HashSet<string> { "network-up", "network-down", "network-clean", "deploy-chaincode", "network-profile", "test-integration", "check-test-network" },
            targets.ToHashSet());
    }

    [Fact]
    public void RootMakefile_IncludesTestNetworkMk()
    {
        Assert.Contains("-include network/test-network/test-network.mk", File.ReadAllLines(TestNetworkPaths.RootMakefile));
    }

    [RequiresToolTheory("make")]
    [InlineData("network-up", "up")]
    [InlineData("deploy-chaincode", "deploy")]
    [InlineData("network-profile", "profile")]
    [InlineData("network-down", "down")]
    [InlineData("network-clean", "clean")]
    public async Task DryRun_NetworkTarget_CallsTheNetworkScriptCommand(string target, string command)
    {
        var (exitCode, output, error) = await DryRunAsync(target);

        Assert.True(exitCode == 0, error);
        Assert.Equal($"bash network/test-network/scripts/network.sh {command}", output.Trim());
    }

    [RequiresToolFact("make")]
    public async Task DryRun_TestIntegrationOnTestNetwork_PassesTheProfileToTheEndToEndSuite()
    {
        var profile = Path.Combine(TestNetworkPaths.TestNetworkDirectory, "profile", "connection-profile.json");

        var (exitCode, output, error) = await DryRunAsync("test-integration", "NETWORK=test-network");

        Assert.True(exitCode == 0, error);
        Assert.Contains($"HREC_PROFILE={profile} ", output, StringComparison.Ordinal);
        Assert.Contains("test tests/EndToEnd.Tests/EndToEnd.Tests.csproj", output, StringComparison.Ordinal);
    }

    [RequiresToolFact("make")]
    public async Task DryRun_TestIntegrationByDefault_RunsTheSuiteWithoutAProfile()
    {
        var (exitCode, output, error) = await DryRunAsync("test-integration");

        Assert.True(exitCode == 0, error);
        Assert.DoesNotContain("HREC_PROFILE", output, StringComparison.Ordinal);
        Assert.Contains("test tests/EndToEnd.Tests/EndToEnd.Tests.csproj", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FABRIC_VERSION", "compose-test-net.yaml")]
    [InlineData("FABRIC_TOOLS_VERSION", "compose-test-net.yaml")]
    [InlineData("CHAINCODE_VERSION", "compose-chaincode.yaml")]
    public void Defaults_Version_AgreesAcrossMakefileScriptAndCompose(string variable, string composeFile)
    {
        var fromMakefile = Regex.Match(Makefile, $@"^{variable} \?= (\S+)$", RegexOptions.Multiline).Groups[1].Value;
        var fromScript = Regex.Match(File.ReadAllText(TestNetworkPaths.NetworkScript), $@"{variable}=\$\{{{variable}:-([^}}]+)\}}").Groups[1].Value;
        var fromCompose = ComposeInterpolation.DefaultOf(File.ReadAllText(Path.Combine(TestNetworkPaths.ComposeDirectory, composeFile)), variable);

        Assert.NotEmpty(fromMakefile);
        Assert.Equal(fromMakefile, fromScript);
        Assert.Equal(fromMakefile, fromCompose);
    }

    [Fact]
    public void Defaults_ChaincodeVersion_IsTheLabelSuffixInMetadata()
    {
        var version = Regex.Match(Makefile, @"^CHAINCODE_VERSION \?= (\S+)$", RegexOptions.Multiline).Groups[1].Value;

        Assert.Contains($"\"label\": \"healthrecords_{version}\"", File.ReadAllText(TestNetworkPaths.MetadataJson), StringComparison.Ordinal);
    }

    /// <summary>`make -n` from the repository root, isolated from any make this test run is under.</summary>
    private static Task<(int ExitCode, string Output, string Error)> DryRunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?> { ["MAKEFLAGS"] = null, ["MAKELEVEL"] = null, ["MFLAGS"] = null, ["NETWORK"] = null };
        return ProcessRunner.RunAsync("make", ["--no-print-directory", "-n", .. arguments], TestTimeouts.Long, environment: environment);
    }

    [GeneratedRegex(@"^([a-z][a-z-]*):", RegexOptions.Multiline)]
    private static partial Regex Target();
}
