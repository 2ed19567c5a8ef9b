using System.Text;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <content>
/// Reconciliation: Org2's peer is paused while Org1 stores data of <see cref="SharedCollection"/> (both
/// organisations members) and of <see cref="Collection"/> (Org1 only); the network restarts, so the
/// transient hand-over is gone when Org2's peer commits those blocks. It records the shared set as
/// missing, fails reads of it as Fabric does, and fetches it later from Org1's peer; the Org1-only data
/// never reaches it.
/// </content>
public sealed partial class PrivateDataTests
{
    [Fact]
    public async Task Reconciliation_MemberPeerMissedTheHandOver_ReadsFailUntilReconciledFromAnotherMember_NonMemberNeverGetsIt()
    {
        await using var setup = await Setup.StartAsync(reconcileInterval: Timeout.InfiniteTimeSpan);
        var stored = await setup.MissSharedDataOnOrg2Async("mona", "mona-shared", "mona-org1-only");

        var refused = await Assert.ThrowsAnyAsync<GatewayException>(() => setup.Org2.EvaluateTransactionAsync("read", SharedCollection, "mona").WithTimeout());
        Assert.Contains("private data matching public hash version is not available", refused.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("mona-shared", refused.ToString(), StringComparison.Ordinal);
        Assert.Empty((await BlockAndPrivateDataAsync(setup.NetworkAs("Org2MSP", "Org2MSP"), stored.BlockNumber)).PrivateDataMap);

        Assert.Equal(1, await setup.Network.ReconcilePrivateDataAsync().WithTimeout());

        Assert.Equal("mona-shared", Encoding.UTF8.GetString((await setup.Org2.EvaluateTransactionAsync("read", SharedCollection, "mona").WithTimeout()).Span));
        var delivered = await BlockAndPrivateDataAsync(setup.NetworkAs("Org2MSP", "Org2MSP"), stored.BlockNumber);
        Assert.Contains("mona-shared", delivered.PrivateDataMap.Values.SelectMany(Writes).Select(w => w.Value.ToStringUtf8()));
        Assert.True(Contains(setup.PrivateStoreBytes("Org2MSP"), "mona-shared"u8.ToArray()));
        Assert.False(Contains(setup.PrivateStoreBytes("Org2MSP"), "mona-org1-only"u8.ToArray()));
        Assert.Equal(0, await setup.Network.ReconcilePrivateDataAsync().WithTimeout());

        // reconciled data is the peer's own from now on: it survives a restart
        await setup.RestartNetworkAsync();
        Assert.Equal("mona-shared", Encoding.UTF8.GetString((await setup.Org2.EvaluateTransactionAsync("read", SharedCollection, "mona").WithTimeout()).Span));
    }

    [Fact]
    public async Task Reconciliation_Periodic_MissingDataArrivesWithoutBeingAskedFor()
    {
        await using var setup = await Setup.StartAsync(reconcileInterval: TimeSpan.FromMilliseconds(200));
        await setup.MissSharedDataOnOrg2Async("nina", "nina-shared", "nina-org1-only");

        using var deadline = new CancellationTokenSource(TestTimeouts.Long);
        while (true)
        {
            try
            {
                var read = await setup.Org2.EvaluateTransactionAsync("read", SharedCollection, "nina").WithTimeout();
                Assert.Equal("nina-shared", Encoding.UTF8.GetString(read.Span));
                break;
            }
            catch (GatewayException e) when (e.ToString().Contains("private data matching public hash version is not available", StringComparison.Ordinal))
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }
}
