using Fabric.CryptoGen;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

/// <summary>Generates the repository's network/crypto-config.yaml once for the tests that share it.</summary>
public sealed class GeneratedNetworkFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public GeneratedNetworkFixture()
    {
        ConfigPath = Path.Combine(RepositoryPaths.Root, "network", "crypto-config.yaml");
        Config = CryptoConfig.Load(ConfigPath);
        Material = CryptoGenerator.Generate(Config, Path.Combine(_directory.Path, "crypto"));
    }

    public string ConfigPath { get; }

    public CryptoConfig Config { get; }

    public CryptoMaterial Material { get; }

    public string Root => _directory.Path;

    public UserMaterial User(string name) => Material.GetUser(name);

    public void Dispose() => _directory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class GeneratedNetworkCollection : ICollectionFixture<GeneratedNetworkFixture>
{
    public const string Name = "generated network";
}
