using System.Text;
using Grpc.Core;
using Fabric.DevNetwork;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <content>
/// Dissemination at endorsement, as Fabric's endorser does it over gossip before it endorses: a collection
/// with <c>requiredPeerCount</c> 1 fails the endorsement with Fabric's text while the other member peer is
/// paused; with 0 the endorsement succeeds and the paused peer, which never received the set, reconciles
/// it; with <c>maxPeerCount</c> 0 no other peer receives it at endorsement, so even an up member peer
/// commits without it and reconciles it.
/// </content>
public sealed partial class PrivateDataTests
{
    private const string RequiredOneCollection = "requiredOne";
    private const string NoCopiesCollection = "noCopies";

    private static readonly CollectionDefinition[] DisseminationCollections =
    [
        new() { Name = RequiredOneCollection, MemberOrgsPolicy = "OR('Org1MSP.member','Org2MSP.member')", RequiredPeerCount = 1, MaxPeerCount = 1 },
        new() { Name = NoCopiesCollection, MemberOrgsPolicy = "OR('Org1MSP.member','Org2MSP.member')", RequiredPeerCount = 0, MaxPeerCount = 0 },
    ];

    [Fact]
    public async Task Dissemination_RequiredPeerCountOne_OtherMemberPaused_EndorsementFailsWithFabricsText()
    {
        await using var setup = await Setup.StartAsync(reconcileInterval: Timeout.InfiniteTimeSpan, moreCollections: DisseminationCollections);
        setup.Network.GetCommitFaults(setup.Peer("Org2MSP").Name).Pause();

        var error = await Assert.ThrowsAnyAsync<GatewayException>(() => setup.StoreAsync("olga", "olga-secret", RequiredOneCollection));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var text = error.ToString();
        Assert.Contains("error in simulation: failed to distribute private collection, txID ", text, StringComparison.Ordinal);
        Assert.Contains(
            ", channel healthchannel: could not build private data dissemination plan for chaincode pdc and collection requiredOne: required to disseminate to at least 1 peers, but know of only 0 eligible peers",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("olga-secret", text, StringComparison.Ordinal);

        // with the member peer up again, its acknowledgement is there and the same store endorses
        setup.Network.GetCommitFaults(setup.Peer("Org2MSP").Name).Resume();
        await setup.StoreAsync("olga", "olga-secret", RequiredOneCollection);
        await setup.SettleAsync();
        Assert.Equal("olga-secret", Encoding.UTF8.GetString((await setup.Org2.EvaluateTransactionAsync("read", RequiredOneCollection, "olga").WithTimeout()).Span));
    }

    [Fact]
    public async Task Dissemination_RequiredPeerCountZero_OtherMemberPaused_EndorsedAndReconciledLater()
    {
        await using var setup = await Setup.StartAsync(reconcileInterval: Timeout.InfiniteTimeSpan, moreCollections: DisseminationCollections);
        setup.Network.GetCommitFaults(setup.Peer("Org2MSP").Name).Pause();

        await setup.StoreAsync("pia", "pia-shared", SharedCollection);
        setup.Network.GetCommitFaults(setup.Peer("Org2MSP").Name).Resume();
        await setup.SettleAsync();

        // no restart: the paused peer never received the set, so it committed the block without it
        var refused = await Assert.ThrowsAnyAsync<GatewayException>(() => setup.Org2.EvaluateTransactionAsync("read", SharedCollection, "pia").WithTimeout());
        Assert.Contains("private data matching public hash version is not available", refused.ToString(), StringComparison.Ordinal);

        Assert.Equal(1, await setup.Network.ReconcilePrivateDataAsync().WithTimeout());
        Assert.Equal("pia-shared", Encoding.UTF8.GetString((await setup.Org2.EvaluateTransactionAsync("read", SharedCollection, "pia").WithTimeout()).Span));
    }

    [Fact]
    public async Task Dissemination_MaxPeerCountZero_NoOtherPeerReceivesItAtEndorsement()
    {
        await using var setup = await Setup.StartAsync(reconcileInterval: Timeout.InfiniteTimeSpan, moreCollections: DisseminationCollections);

        await setup.StoreAsync("quinn", "quinn-shared", NoCopiesCollection);
        await setup.SettleAsync();

        Assert.Equal("quinn-shared", Encoding.UTF8.GetString((await setup.Org1.EvaluateTransactionAsync("read", NoCopiesCollection, "quinn").WithTimeout()).Span));
        var refused = await Assert.ThrowsAnyAsync<GatewayException>(() => setup.Org2.EvaluateTransactionAsync("read", NoCopiesCollection, "quinn").WithTimeout());
        Assert.Contains("private data matching public hash version is not available", refused.ToString(), StringComparison.Ordinal);
        Assert.False(Contains(setup.PrivateStoreBytes("Org2MSP"), "quinn-shared"u8.ToArray()));

        Assert.Equal(1, await setup.Network.ReconcilePrivateDataAsync().WithTimeout());
        Assert.Equal("quinn-shared", Encoding.UTF8.GetString((await setup.Org2.EvaluateTransactionAsync("read", NoCopiesCollection, "quinn").WithTimeout()).Span));
    }
}
