using Fabric.DevNetwork.Tests.Ledger.Support;

namespace Fabric.DevNetwork.Tests.Ledger;

[Collection(NetworkMaterialCollection.Name)]
public sealed class RecoveryMeasurementTests(NetworkMaterial material)
{
    [Fact]
    public async Task RunAsync_FiveHundredTransactions_RecoversEveryTransaction()
    {
        await using var directory = new AsyncTemporaryDirectory();

        var result = await RecoveryMeasurement.RunAsync(material, directory.Path, 500, chunk: 250).WaitAsync(TestSupport.TestTimeouts.Long);

        Assert.Equal(500, result.RecoveredTransactions);
        Assert.True(result.Height >= 51, $"500 transactions in blocks of at most 10 need at least 50 blocks after block 0, got height {result.Height}");
    }
}
