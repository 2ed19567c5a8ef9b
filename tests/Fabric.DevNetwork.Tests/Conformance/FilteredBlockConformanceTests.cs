using Fabric.DevNetwork.Tests.Network.Support;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using static Fabric.DevNetwork.Tests.Network.Support.RawDeliverClient;

namespace Fabric.DevNetwork.Tests.Conformance;

/// <summary>
/// Filtered blocks and blocks with private data from our peer's Deliver against those real Fabric's peer
/// delivered to the official Node client (../shared/fabric-reference/*.deliver-*.pb): a VALID transaction
/// and MVCC_READ_CONFLICT ones, compared by structure and validation codes.
/// </summary>
[Collection(DevNetworkCollection.Name)]
public sealed class FilteredBlockConformanceTests(DevNetworkFixture fixture)
{
    private const string Org1Peer = "peer0.org1.example.com";

    [Theory]
    [InlineData("v2.5.16-healthchannel-block1049.deliver-filtered.pb")]
    [InlineData("v3.1.5-healthchannel-block439.deliver-filtered.pb")]
    public async Task FilteredBlock_ValidTransaction_SameShapeAsFabric(string file)
    {
        var reference = Assert.Single(FilteredBlock.Parser.ParseFrom(ReferenceBytes(file)).FilteredTransactions);
        using var client = new RawGatewayClient(fixture.Network, Org1Peer);
        var (txId, status) = await client.SubmitTransactionAsync("devnetcc", "put", "conformance-valid", "v").WithTimeout();

        var ours = (await FilteredAsync(status.BlockNumber)).FilteredTransactions.Single(t => t.Txid == txId);

        Assert.Equal(TxValidationCode.Valid, reference.TxValidationCode);
        Assert.Equal(Shape(reference), Shape(ours));
    }

    [Theory]
    [InlineData("v2.5.16-healthchannel-block1050.deliver-filtered.pb")]
    [InlineData("v3.1.5-healthchannel-block440.deliver-filtered.pb")]
    public async Task FilteredBlock_MvccConflict_InvalidTransactionListedWithItsEventLikeFabric(string file)
    {
        var reference = FilteredBlock.Parser.ParseFrom(ReferenceBytes(file)).FilteredTransactions;
        using var client = new RawGatewayClient(fixture.Network, Org1Peer);
        var key = "conformance-mvcc-" + Guid.NewGuid().ToString("N");
        // Both endorsed against the same version before either is ordered: the later one conflicts.
        var (firstProposal, firstTx) = client.CreateProposal("devnetcc", "incr", key);
        var (secondProposal, secondTx) = client.CreateProposal("devnetcc", "incr", key);
        var first = await client.EndorseAsync(firstProposal, firstTx).WithTimeout();
        var second = await client.EndorseAsync(secondProposal, secondTx).WithTimeout();
        await client.SubmitAsync(client.SignEnvelope(first.PreparedTransaction), firstTx).WithTimeout();
        await client.SubmitAsync(client.SignEnvelope(second.PreparedTransaction), secondTx).WithTimeout();
        var statuses = new[] { await client.CommitStatusAsync(firstTx).WithTimeout(), await client.CommitStatusAsync(secondTx).WithTimeout() };
        var invalid = statuses.Single(s => s.Result == TxValidationCode.MvccReadConflict);
        var invalidTx = invalid == statuses[0] ? firstTx : secondTx;

        var ours = (await FilteredAsync(invalid.BlockNumber)).FilteredTransactions.Single(t => t.Txid == invalidTx);

        var fabricInvalid = reference.First(t => t.TxValidationCode == TxValidationCode.MvccReadConflict);
        Assert.Equal(Shape(fabricInvalid), Shape(ours));
        Assert.Equal(
            reference.Select(t => t.TxValidationCode).Distinct().Order(),
            new[] { TxValidationCode.Valid, TxValidationCode.MvccReadConflict }.Order());
    }

    [Fact]
    public async Task BlockAndPrivateData_SameShapeAsFabric_BlockIsThePeerCopyAndTheMapIsEmpty()
    {
        var reference = BlockAndPrivateData.Parser.ParseFrom(ReferenceBytes("v2.5.16-healthchannel-block1049.deliver-with-private-data.pb"));
        var fabricPeerCopy = Block.Parser.ParseFrom(ReferenceBytes("v2.5.16-healthchannel-block1049-addrecord.from-peer-org1.pb"));
        using var raw = new RawGatewayClient(fixture.Network, Org1Peer);
        var (_, status) = await raw.SubmitTransactionAsync("devnetcc", "put", "conformance-private", "v").WithTimeout();
        using var client = new RawDeliverClient(fixture.Network, Org1Peer);

        var (blocks, _) = await client.DeliverAsync(client.Request(Seek(At(status.BlockNumber), At(status.BlockNumber))), Call.WithPrivateData).WithTimeout();

        var ours = Assert.Single(blocks).BlockAndPrivateData;
        Assert.Equal(fabricPeerCopy, reference.Block);
        Assert.Empty(reference.PrivateDataMap);
        Assert.Empty(ours.PrivateDataMap);
        Assert.Equal((await fixture.Network.Ledger.GetBlockAsync(status.BlockNumber).WithTimeout()).Block, ours.Block);
        Assert.Equal(reference.Block.Metadata.Metadata.Select(m => m.IsEmpty).Take(3), ours.Block.Metadata.Metadata.Select(m => m.IsEmpty).Take(3));
    }

    /// <summary>What must agree with Fabric: type, code, and per action which event fields are set (names and ids differ by chaincode).</summary>
    private static string Shape(FilteredTransaction transaction) =>
        $"type={transaction.Type} code={transaction.TxValidationCode} data={transaction.DataCase} actions=["
        + string.Join(", ", transaction.TransactionActions?.ChaincodeActions.Select(a =>
            $"chaincode={a.ChaincodeEvent.ChaincodeId.Length > 0} txid={a.ChaincodeEvent.TxId == transaction.Txid} name={a.ChaincodeEvent.EventName.Length > 0} payload={a.ChaincodeEvent.Payload.Length}") ?? [])
        + "]";

    private async Task<FilteredBlock> FilteredAsync(ulong number)
    {
        using var client = new RawDeliverClient(fixture.Network, Org1Peer);
        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(At(number), At(number))), Call.Filtered).WithTimeout();
        Assert.Equal(Hyperledger.Fabric.Protos.Common.Status.Success, status);
        return Assert.Single(blocks).FilteredBlock;
    }

    private static byte[] ReferenceBytes(string file) =>
        File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", file));
}
