using TestSupport;

namespace TestNetwork.Tests.Infrastructure;

/// <summary>Where the files under test live in the repository.</summary>
internal static class TestNetworkPaths
{
    public static string Root => RepositoryPaths.Root;

    public static string TestNetworkDirectory { get; } = Path.Combine(Root, "network", "test-network");

    public static string ComposeDirectory { get; } = Path.Combine(TestNetworkDirectory, "compose");

    public static string ComposeTestNet { get; } = Path.Combine(ComposeDirectory, "compose-test-net.yaml");

    public static string ComposeCouch { get; } = Path.Combine(ComposeDirectory, "compose-couch.yaml");

    public static string ComposeChaincode { get; } = Path.Combine(ComposeDirectory, "compose-chaincode.yaml");

    /// <summary>The BFT overlay: orderer2..4 and the 3.x tools image.</summary>
    public static string ComposeBft { get; } = Path.Combine(ComposeDirectory, "compose-bft.yaml");

    /// <summary>Our Fabric 3.x tools image (the BFT profile's), built from the official release tarball.</summary>
    public static string ToolsDockerfile { get; } = Path.Combine(TestNetworkDirectory, "tools", "Dockerfile");

    public static string ConfigtxDirectory { get; } = Path.Combine(TestNetworkDirectory, "configtx");

    public static string Configtx { get; } = Path.Combine(ConfigtxDirectory, "configtx.yaml");

    /// <summary>Where compose and configtx expect the generated crypto material.</summary>
    public static string Organizations { get; } = Path.Combine(TestNetworkDirectory, "organizations");

    public static string ScriptsDirectory { get; } = Path.Combine(TestNetworkDirectory, "scripts");

    public static string NetworkScript { get; } = Path.Combine(ScriptsDirectory, "network.sh");

    public static string ToolsEnvScript { get; } = Path.Combine(ScriptsDirectory, "tools", "env.sh");

    public static string TestNetworkMakefile { get; } = Path.Combine(TestNetworkDirectory, "test-network.mk");

    public static string RootMakefile { get; } = Path.Combine(Root, "Makefile");

    public static string CryptoConfig { get; } = Path.Combine(Root, "network", "crypto-config.yaml");

    public static string Dockerfile { get; } = Path.Combine(Root, "chaincode", "Dockerfile");

    public static string DockerIgnore { get; } = Path.Combine(Root, ".dockerignore");

    public static string ConnectionJson { get; } = Path.Combine(Root, "chaincode", "ccaas", "connection.json");

    public static string MetadataJson { get; } = Path.Combine(Root, "chaincode", "ccaas", "metadata.json");

    /// <summary>Every shell script of the test network.</summary>
    public static IReadOnlyList<string> ShellScripts() =>
        [.. Directory.GetFiles(ScriptsDirectory, "*.sh", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
