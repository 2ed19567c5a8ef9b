namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>Tests that share one <see cref="DevNetworkFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DevNetworkCollection : ICollectionFixture<DevNetworkFixture>
{
    public const string Name = "dev network";
}
