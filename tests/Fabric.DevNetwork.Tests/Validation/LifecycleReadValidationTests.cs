using Fabric.DevNetwork.Tests.Ledger.Support;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Validation;

/// <summary>
/// The committer's MVCC check of the <c>_lifecycle</c> read Fabric's endorser adds to every transaction:
/// the dev network's definitions are committed at genesis (sequence 1, version {0, 0}), so that read is
/// current and any other version, or a read of an undefined chaincode's sequence, is a conflict, as a
/// read of an upgraded definition is on Fabric.
/// </summary>
[Collection(NetworkMaterialCollection.Name)]
public sealed class LifecycleReadValidationTests(NetworkMaterial material)
{
    private const string Lifecycle = "_lifecycle";
    private const string SequenceKey = "namespaces/fields/" + TestTransaction.Chaincode + "/Sequence";

    [Fact]
    public async Task Commit_LifecycleSequenceReadAtGenesisVersion_IsValid()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        var commit = await harness.SubmitAndWaitAsync(harness.NewTransaction().ReadIn(Lifecycle, SequenceKey, (0, 0)).Write("k", "v"));

        Assert.Equal(TxValidationCode.Valid, commit.Code);
        Assert.Equal("v", harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k")!.Value.ToStringUtf8());
    }

    [Theory]
    [InlineData(5UL, 0UL)] // the version real Fabric's read carried: a definition this ledger never committed
    [InlineData(0UL, 1UL)]
    public async Task Commit_LifecycleSequenceReadAtAnotherVersion_IsMvccReadConflict(ulong block, ulong tx)
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        var commit = await harness.SubmitAndWaitAsync(harness.NewTransaction().ReadIn(Lifecycle, SequenceKey, (block, tx)).Write("k", "v"));

        Assert.Equal(TxValidationCode.MvccReadConflict, commit.Code);
        Assert.Null(harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k"));
    }

    [Fact]
    public async Task Commit_LifecycleSequenceReadOfUndefinedChaincode_IsMvccReadConflict()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        var commit = await harness.SubmitAndWaitAsync(
            harness.NewTransaction().ReadIn(Lifecycle, "namespaces/fields/nosuchcc/Sequence", (0, 0)).Write("k", "v"));

        Assert.Equal(TxValidationCode.MvccReadConflict, commit.Code);
    }

    [Fact]
    public async Task Commit_LifecycleSequenceReadAsAbsent_IsMvccReadConflict()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        var commit = await harness.SubmitAndWaitAsync(harness.NewTransaction().ReadIn(Lifecycle, SequenceKey, null).Write("k", "v"));

        Assert.Equal(TxValidationCode.MvccReadConflict, commit.Code);
    }
}
