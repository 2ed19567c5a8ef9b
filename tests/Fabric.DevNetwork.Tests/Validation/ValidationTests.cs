using Fabric.DevNetwork.Tests.Ledger.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Validation;

[Collection(NetworkMaterialCollection.Name)]
public sealed class ValidationTests(NetworkMaterial material)
{
    [Fact]
    public async Task Commit_ValidWrite_AppliesValueWithBlockAndTxVersion()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        var commit = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("patient-1", "v1"));

        Assert.Equal(TxValidationCode.Valid, commit.Code);
        var value = harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "patient-1");
        Assert.NotNull(value);
        Assert.Equal("v1", value.Value.ToStringUtf8());
        Assert.Equal(commit.BlockNumber, value.Version.BlockNumber);
        Assert.Equal((ulong)commit.TransactionIndex, value.Version.TransactionNumber);
    }

    [Fact]
    public async Task Commit_TwoTransactionsReadAndWriteSameKeyInOneBlock_FirstValidSecondMvccReadConflict()
    {
        await using var harness = await ChannelHarness.StartAsync(material, maxMessageCount: 2, batchTimeout: TimeSpan.FromSeconds(30));
        var first = await harness.BuildAsync(harness.NewTransaction().Read("k", null).Write("k", "a"));
        var second = await harness.BuildAsync(harness.NewTransaction().Read("k", null).Write("k", "b"));

        await harness.Channel.Orderer.SubmitAsync(first);
        await harness.Channel.Orderer.SubmitAsync(second);
        var block = await harness.Ledger.ReadBlocksAsync(1).FirstAsync().AsTask().WithTimeout();

        Assert.Equal(2, block.Transactions.Count);
        Assert.Equal(TxValidationCode.Valid, block.Transactions[0].Code);
        Assert.Equal(TxValidationCode.MvccReadConflict, block.Transactions[1].Code);
        Assert.Equal("a", harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k")!.Value.ToStringUtf8());
    }

    [Fact]
    public async Task Commit_ReadOfVersionOverwrittenInEarlierBlock_IsMvccReadConflict()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var created = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "1"));
        await harness.SubmitAndWaitAsync(harness.NewTransaction().Read("k", (created.BlockNumber, (ulong)created.TransactionIndex)).Write("k", "2"));

        var stale = await harness.SubmitAndWaitAsync(
            harness.NewTransaction().Read("k", (created.BlockNumber, (ulong)created.TransactionIndex)).Write("k", "3"));

        Assert.Equal(TxValidationCode.MvccReadConflict, stale.Code);
        Assert.Equal("2", harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k")!.Value.ToStringUtf8());
    }

    [Fact]
    public async Task Commit_RangeReadMissingKeyInsertedEarlierInBlock_IsPhantomReadConflict()
    {
        await using var harness = await ChannelHarness.StartAsync(material, maxMessageCount: 2, batchTimeout: TimeSpan.FromSeconds(30));
        var a1 = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("a1", "x"));
        var insert = await harness.BuildAsync(harness.NewTransaction().Write("a2", "new"));
        var scan = await harness.BuildAsync(harness.NewTransaction()
            .RangeRead("a", "b", exhausted: true, ("a1", a1.BlockNumber, (ulong)a1.TransactionIndex))
            .Write("summary", "1 key"));

        await harness.Channel.Orderer.SubmitAsync(insert);
        await harness.Channel.Orderer.SubmitAsync(scan);
        var block = await harness.Ledger.ReadBlocksAsync(a1.BlockNumber + 1).FirstAsync().AsTask().WithTimeout();

        Assert.Equal(TxValidationCode.Valid, block.Transactions[0].Code);
        Assert.Equal(TxValidationCode.PhantomReadConflict, block.Transactions[1].Code);
        Assert.Null(harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "summary"));
    }

    [Fact]
    public async Task Commit_RangeReadUnchanged_IsValid()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var a1 = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("a1", "x"));
        await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("c1", "outside the range"));

        var scan = await harness.SubmitAndWaitAsync(harness.NewTransaction()
            .RangeRead("a", "b", exhausted: true, ("a1", a1.BlockNumber, (ulong)a1.TransactionIndex))
            .Write("summary", "1 key"));

        Assert.Equal(TxValidationCode.Valid, scan.Code);
    }

    [Fact]
    public async Task Commit_RangeReadWithKeyDeletedSince_IsPhantomReadConflict()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var a1 = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("a1", "x"));
        await harness.SubmitAndWaitAsync(harness.NewTransaction().Delete("a1"));

        var scan = await harness.SubmitAndWaitAsync(harness.NewTransaction()
            .RangeRead("a", "b", exhausted: true, ("a1", a1.BlockNumber, (ulong)a1.TransactionIndex)));

        Assert.Equal(TxValidationCode.PhantomReadConflict, scan.Code);
    }

    [Fact]
    public async Task Commit_WriteSetChangedAfterEndorsement_IsEndorsementPolicyFailure()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var transaction = harness.NewTransaction().Write("balance", "10");
        transaction.TamperAfterEndorsement = rw => rw.Writes[0].Value = ByteString.CopyFromUtf8("1000000");

        var commit = await harness.SubmitAndWaitAsync(transaction);

        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, commit.Code);
        Assert.Null(harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "balance"));
    }

    [Fact]
    public async Task Commit_EndorsementsForAnotherProposal_IsInvalidEndorserTransaction()
    {
        // Fabric's rule: the endorsed proposal hash must match this transaction's headers and proposal payload
        await using var harness = await ChannelHarness.StartAsync(material);
        var transaction = harness.NewTransaction().Write("consent", "alice's");
        transaction.EndorsementsForAnotherProposal = true;

        var commit = await harness.SubmitAndWaitAsync(transaction);

        Assert.Equal(TxValidationCode.InvalidEndorserTransaction, commit.Code);
        Assert.Null(harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "consent"));
    }

    [Fact]
    public async Task Commit_OneOrgEndorsedUnderAndPolicy_IsEndorsementPolicyFailure()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        var commit = await harness.SubmitAndWaitAsync(new TestTransaction(material.Org1Client, material.Org1Peer).Write("k", "v"));

        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, commit.Code);
    }

    [Fact]
    public async Task Commit_ClientIdentityAsEndorser_IsEndorsementPolicyFailure()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        // 'Org2MSP.peer' needs a peer NodeOU; Org2's client certificate does not have it
        var commit = await harness.SubmitAndWaitAsync(new TestTransaction(material.Org1Client, material.Org1Peer, material.Org2Client).Write("k", "v"));

        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, commit.Code);
    }

    [Fact]
    public async Task Commit_EnvelopeSignedByAnotherIdentity_IsBadCreatorSignature()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var transaction = harness.NewTransaction().Write("k", "v");
        transaction.EnvelopeSigner = material.Org2Client;

        var commit = await harness.SubmitAndWaitAsync(transaction);

        Assert.Equal(TxValidationCode.BadCreatorSignature, commit.Code);
        Assert.Null(harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k"));
    }

    [Fact]
    public async Task Commit_TxIdAlreadyInLedger_IsDuplicateTxid()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var nonce = new byte[24];
        nonce[0] = 7;
        var original = harness.NewTransaction().Write("k", "original");
        original.Nonce = nonce;
        var first = await harness.SubmitAndWaitAsync(original);
        var replay = harness.NewTransaction().Write("k", "replayed");
        replay.Nonce = nonce;

        await harness.SubmitAsync(replay);
        var marker = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("marker", "m"));

        var codes = await CodesBetweenAsync(harness, first.BlockNumber + 1, marker.BlockNumber);
        Assert.Contains(TxValidationCode.DuplicateTxid, codes);
        Assert.Equal(first, harness.Ledger.FindTransaction(first.TxId));
        Assert.Equal("original", harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k")!.Value.ToStringUtf8());
    }

    [Fact]
    public async Task Commit_SameTxIdTwiceInOneBlock_SecondIsDuplicateTxid()
    {
        await using var harness = await ChannelHarness.StartAsync(material, maxMessageCount: 2, batchTimeout: TimeSpan.FromSeconds(30));
        var nonce = new byte[24];
        var a = harness.NewTransaction().Write("k", "a");
        a.Nonce = nonce;
        var b = harness.NewTransaction().Write("j", "b");
        b.Nonce = nonce;

        await harness.SubmitAsync(a);
        await harness.SubmitAsync(b);
        var block = await harness.Ledger.ReadBlocksAsync(1).FirstAsync().AsTask().WithTimeout();

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.DuplicateTxid], block.Transactions.Select(t => t.Code));
        Assert.Null(harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "j"));
    }

    [Fact]
    public async Task Commit_ChaincodeEventOfValidTransaction_IsPublishedWithBlock()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var transaction = harness.NewTransaction().Write("k", "v");
        transaction.Event = new ChaincodeEvent { ChaincodeId = TestTransaction.Chaincode, EventName = "RecordAdded", Payload = ByteString.CopyFromUtf8("p") };
        var invalid = new TestTransaction(material.Org1Client, material.Org1Peer).Write("x", "y");
        invalid.Event = new ChaincodeEvent { ChaincodeId = TestTransaction.Chaincode, EventName = "Never" };

        var commit = await harness.SubmitAndWaitAsync(transaction);
        var failed = await harness.SubmitAndWaitAsync(invalid);

        var block = await harness.Ledger.GetBlockAsync(commit.BlockNumber);
        var committed = block.Transactions[commit.TransactionIndex];
        Assert.Equal(commit.TxId, committed.TxId);
        Assert.Equal("RecordAdded", committed.Event?.EventName);
        Assert.Equal(TestTransaction.Chaincode, committed.ChaincodeName);
        var failedBlock = await harness.Ledger.GetBlockAsync(failed.BlockNumber);
        Assert.Null(failedBlock.Transactions[failed.TransactionIndex].Event);
    }

    private static async Task<List<TxValidationCode>> CodesBetweenAsync(ChannelHarness harness, ulong from, ulong to)
    {
        var codes = new List<TxValidationCode>();
        for (var n = from; n <= to; n++)
        {
            var block = await harness.Ledger.GetBlockAsync(n);
            codes.AddRange(block.Transactions.Select(t => t.Code));
        }

        return codes;
    }
}
