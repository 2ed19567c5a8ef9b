namespace HealthRecords.Client.Tests.Network;

/// <summary>The tests that share one <see cref="HealthRecordsNetworkFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class HealthRecordsNetworkCollection : ICollectionFixture<HealthRecordsNetworkFixture>
{
    public const string Name = "health-records dev network";
}
