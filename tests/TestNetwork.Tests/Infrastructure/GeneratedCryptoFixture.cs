using Fabric.CryptoGen;
using TestSupport;

namespace TestNetwork.Tests.Infrastructure;

/// <summary>
/// Runs the real generator on network/crypto-config.yaml once per test run, into
/// <c>&lt;temp&gt;/organizations</c>: the same material `make network-up` writes into
/// network/test-network/organizations, so paths the compose files, configtx.yaml and the scripts
/// use can be checked against it without touching the repository.
/// </summary>
public sealed class GeneratedCryptoFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    /// <summary>Generates the material.</summary>
    public GeneratedCryptoFixture()
    {
        OrganizationsDirectory = Path.Combine(_directory.Path, "organizations");
        Material = CryptoGenerator.Generate(CryptoConfig.Load(TestNetworkPaths.CryptoConfig), OrganizationsDirectory);
    }

    /// <summary>Stands in for network/test-network: holds <c>organizations/</c>.</summary>
    public string TestNetworkRoot => _directory.Path;

    /// <summary>The generated organizations folder.</summary>
    public string OrganizationsDirectory { get; }

    /// <summary>What the generator wrote.</summary>
    public CryptoMaterial Material { get; }

    /// <summary>
    /// Maps a path under network/test-network/organizations (as compose or configtx resolve it)
    /// to the same path in the generated material.
    /// </summary>
    public string Map(string repositoryPath)
    {
        var relative = Path.GetRelativePath(TestNetworkPaths.Organizations, Path.GetFullPath(repositoryPath));
        Assert.False(relative.StartsWith("..", StringComparison.Ordinal), $"{repositoryPath} is not under {TestNetworkPaths.Organizations}");
        return Path.Combine(OrganizationsDirectory, relative);
    }

    /// <inheritdoc />
    public void Dispose() => _directory.Dispose();
}
