namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>Shares one set of generated crypto material between the ledger test classes.</summary>
[CollectionDefinition(Name)]
public sealed class NetworkMaterialCollection : ICollectionFixture<NetworkMaterial>
{
    public const string Name = "ledger material";
}
