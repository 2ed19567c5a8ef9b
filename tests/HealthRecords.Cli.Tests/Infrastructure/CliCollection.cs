namespace HealthRecords.Cli.Tests.Infrastructure;

/// <summary>The tests that share <see cref="CliNetworkFixture"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliNetworkFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "hrec against one dev network";
}
