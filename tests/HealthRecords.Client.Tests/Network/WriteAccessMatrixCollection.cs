namespace HealthRecords.Client.Tests.Network;

/// <summary>The write access matrix's own dev network: it registers pt-alice and pt-bob itself.</summary>
[CollectionDefinition(WriteAccessMatrixTests.Name)]
public sealed class WriteAccessMatrixCollection : ICollectionFixture<HealthRecordsNetworkFixture>;
