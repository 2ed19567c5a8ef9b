namespace TestNetwork.Tests.Infrastructure;

/// <summary>Test classes in this collection share one run of the crypto generator.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedCryptoCollection : ICollectionFixture<GeneratedCryptoFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "generated crypto material";
}
