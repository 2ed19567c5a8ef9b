namespace EndToEnd.Tests.Infrastructure;

/// <summary>The end-to-end tests share one network (<see cref="NetworkFixture"/>) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class NetworkCollection : ICollectionFixture<NetworkFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "end to end against one network";
}
