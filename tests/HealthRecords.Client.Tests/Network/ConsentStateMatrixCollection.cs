namespace HealthRecords.Client.Tests.Network;

/// <summary>The consent-state matrix's own dev network.</summary>
[CollectionDefinition(ConsentStateMatrixTests.Name)]
public sealed class ConsentStateMatrixCollection : ICollectionFixture<HealthRecordsNetworkFixture>;
