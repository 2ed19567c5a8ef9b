namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>Tests that share one <see cref="NetworkFixture"/> (run one at a time, as some stop peers).</summary>
[CollectionDefinition(Name)]
public sealed class NetworkCollection : ICollectionFixture<NetworkFixture>
{
    public const string Name = "gateway dev network";
}
