using System.Text.RegularExpressions;
using Fabric.DevNetwork;
using Fabric.DevNetwork.Ordering;
using HealthRecords.Client;
using HealthRecords.Client.Profiles;
using HealthRecords.Domain.Contracts;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;
using Hyperledger.Fabric.Shim;
using TestSupport;

namespace HealthRecords.Chaincode.Tests.Conformance;

/// <summary>
/// The read-write set our dev network endorses for an AddRecord of the project's chaincode against the
/// one real Fabric's peers endorsed for the same call (../shared/fabric-reference/*-addrecord.from-peer-org1.pb):
/// the same namespaces in the same order, the peer's <c>_lifecycle</c> read of the chaincode's sequence,
/// the same rwset structure, and the keys Fabric saw read and written. Values, versions, ids, times and
/// Merkle indexes differ by ledger, so keys are compared with those parts masked.
/// </summary>
[Collection(RoundTripCollection.Name)]
public sealed partial class AddRecordRwSetConformanceTests
{
    private const string PatientId = "pt-alice"; // the reference's patient
    private const string Org1Peer = "peer0.org1.example.com";

    [Theory]
    [InlineData("v2.5.16-healthchannel-block1049-addrecord.from-peer-org1.pb", false)]
    [InlineData("v3.1.5-healthchannel-block439-addrecord.from-peer-org1.pb", true)]
    public async Task AddRecord_EndorsedReadWriteSet_SameNamespacesLifecycleReadAndShapeAsFabric(string file, bool fabric3Peers)
    {
        var reference = EndorsedRwSet(Block.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", file))).Data.Data[0]);
        await using var network = await NetworkWithChaincode.StartAsync(fabric3Peers ? ChaincodeBatchingOptions.Fabric3 : null);

        var (ours, code) = await network.AddRecordAndReadItsRwSetAsync();

        Assert.Equal(TxValidationCode.Valid, code);
        Assert.Equal(["_lifecycle", "healthrecords"], reference.NsRwset.Select(ns => ns.Namespace));
        Assert.Equal(reference.NsRwset.Select(ns => ns.Namespace), ours.NsRwset.Select(ns => ns.Namespace));
        Assert.All(ours.NsRwset.Concat(reference.NsRwset), ns => Assert.Empty(ns.CollectionHashedRwset));

        var (fabricLifecycle, ourLifecycle) = (KVRWSet.Parser.ParseFrom(reference.NsRwset[0].Rwset), KVRWSet.Parser.ParseFrom(ours.NsRwset[0].Rwset));
        Assert.Equal(["namespaces/fields/healthrecords/Sequence"], fabricLifecycle.Reads.Select(r => r.Key));
        Assert.Equal(fabricLifecycle.Reads.Select(r => r.Key), ourLifecycle.Reads.Select(r => r.Key));
        Assert.NotNull(fabricLifecycle.Reads[0].Version);
        Assert.Equal(new Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = 0, TxNum = 0 }, ourLifecycle.Reads[0].Version); // committed at genesis
        Assert.Equal(Shape(fabricLifecycle), Shape(ourLifecycle));

        var (fabricCc, ourCc) = (KVRWSet.Parser.ParseFrom(reference.NsRwset[1].Rwset), KVRWSet.Parser.ParseFrom(ours.NsRwset[1].Rwset));
        Assert.Equal(Shape(fabricCc), Shape(ourCc));
        Assert.All(ourCc.Writes.Concat(fabricCc.Writes), w => Assert.False(w.Value.IsEmpty));

        // The chaincode has changed since the capture (7b743da): the history head (the size key) now keeps the
        // Merkle frontier, so the frontier nodes are no longer read, and a record's salt is stored beside it.
        // The keys Fabric's peer saw read are read here too, and the keys it saw written are written here too.
        Assert.Equal(
            Kinds(fabricCc.Reads.Select(r => r.Key)).Where(k => !k.Contains("node/<level>/", StringComparison.Ordinal)),
            Kinds(ourCc.Reads.Select(r => r.Key)));
        Assert.Empty(Kinds(fabricCc.Writes.Select(w => w.Key)).Except(Kinds(ourCc.Writes.Select(w => w.Key))));
    }

    /// <summary>
    /// What the peer's rwset builder decides, whatever the chaincode does: keys sorted, each read once and
    /// with its version, writes sorted and unique, and the counts of the other parts.
    /// </summary>
    private static string Shape(KVRWSet set) => string.Join(
        "\n",
        [
            $"reads sorted and unique: {IsSortedUnique(set.Reads.Select(r => r.Key))}, all versioned: {set.Reads.All(r => r.Version is not null)}",
            $"writes sorted and unique: {IsSortedUnique(set.Writes.Select(w => w.Key))}, deletes: {set.Writes.Count(w => w.IsDelete)}",
            $"range queries: {set.RangeQueriesInfo.Count}, metadata writes: {set.MetadataWrites.Count}",
        ]);

    private static bool IsSortedUnique(IEnumerable<string> keys)
    {
        var list = keys.ToList();
        return list.Zip(list.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) < 0);
    }

    /// <summary>The masked keys, once each.</summary>
    private static List<string> Kinds(IEnumerable<string> keys) => keys.Select(Mask).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The key with its ledger-specific parts replaced: record ids, times, Merkle indexes and the frontier levels it reads.</summary>
    private static string Mask(string key)
    {
        var masked = RecordId().Replace(key, "rec-<id>");
        masked = Timestamp().Replace(masked, "<time>");
        masked = FrontierLevel().Replace(masked, "node/<level>/");
        return MerkleIndex().Replace(masked, "<index>").Replace("\0", "\\0", StringComparison.Ordinal);
    }

    private static TxReadWriteSet EndorsedRwSet(Google.Protobuf.ByteString envelope)
    {
        var payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(envelope).Payload);
        var action = ChaincodeActionPayload.Parser.ParseFrom(Transaction.Parser.ParseFrom(payload.Data).Actions[0].Payload).Action;
        var chaincodeAction = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(action.ProposalResponsePayload).Extension);
        return TxReadWriteSet.Parser.ParseFrom(chaincodeAction.Results);
    }

    private static string FirstArgument(Google.Protobuf.ByteString envelope)
    {
        var payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(envelope).Payload);
        var proposal = ChaincodeProposalPayload.Parser.ParseFrom(ChaincodeActionPayload.Parser.ParseFrom(Transaction.Parser.ParseFrom(payload.Data).Actions[0].Payload).ChaincodeProposalPayload);
        var args = ChaincodeInvocationSpec.Parser.ParseFrom(proposal.Input).ChaincodeSpec.Input.Args;
        return args.Count == 0 ? string.Empty : args[0].ToStringUtf8();
    }

    [GeneratedRegex("rec-[0-9a-f]{40}")]
    private static partial Regex RecordId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")]
    private static partial Regex Timestamp();

    // Level 0 is the new leaf's node, written by every add; higher levels are the frontier, which depends on the history's size.
    [GeneratedRegex(@"node/(?!00/)\d{2}/")]
    private static partial Regex FrontierLevel();

    [GeneratedRegex("[0-9a-f]{16}")]
    private static partial Regex MerkleIndex();

    /// <summary>The project's chaincode on a socket, a two-organisation dev network with Fabric's default MAJORITY policy, and a patient.</summary>
    private sealed class NetworkWithChaincode : IAsyncDisposable
    {
        private readonly TemporaryDirectory _directory;
        private readonly ChaincodeServer _chaincode;
        private readonly DevNetwork _network;
        private readonly HealthRecordsClient _doctor;

        private NetworkWithChaincode(TemporaryDirectory directory, ChaincodeServer chaincode, DevNetwork network, HealthRecordsClient doctor)
        {
            _directory = directory;
            _chaincode = chaincode;
            _network = network;
            _doctor = doctor;
        }

        public static async Task<NetworkWithChaincode> StartAsync(ChaincodeBatchingOptions? batching)
        {
            var directory = new TemporaryDirectory();
            var chaincode = new ChaincodeServer(
                HealthRecordsChaincode.CreateRouter(), new ChaincodeServerOptions { ChaincodeId = "healthrecords_1.0:conformance", Address = "127.0.0.1:0" });
            await chaincode.StartAsync().WaitAsync(TestTimeouts.Long);
            var network = await DevNetwork.StartAsync(new DevNetworkOptions
            {
                DataDirectory = Path.Combine(directory.Path, "network"),
                Chaincodes = [new ChaincodeDefinition { Name = "healthrecords", PackageId = "healthrecords_1.0:conformance", Address = $"127.0.0.1:{chaincode.Port}", Batching = batching }],
                Batch = new BatchOptions { BatchTimeout = TimeSpan.FromMilliseconds(2) },
            }).WaitAsync(TestTimeouts.Long);
            var profilePath = Path.Combine(directory.Path, "connection-profile.json");
            network.WriteConnectionProfile(profilePath, "healthrecords");
            var profile = ConnectionProfile.Load(profilePath);
            using (var alice = HealthRecordsClient.Connect(profile, "alice"))
            {
                await alice.RegisterPatientAsync(new RegisterPatientRequest(PatientId)).WithTimeout();
            }

            return new NetworkWithChaincode(directory, chaincode, network, HealthRecordsClient.Connect(profile, "hospital-doctor"));
        }

        /// <summary>
        /// Adds three records and returns the last one's endorsed read-write set, as the gateway's peer committed
        /// it: by then every key it reads exists, as in the reference.
        /// </summary>
        public async Task<(TxReadWriteSet RwSet, TxValidationCode Code)> AddRecordAndReadItsRwSetAsync()
        {
            for (var i = 1; i <= 3; i++)
            {
                var hash = Convert.ToHexStringLower(BitConverter.GetBytes(i).Concat(new byte[28]).ToArray());
                await _doctor.AddRecordAsync(new AddRecordRequest(
                    PatientId, "DiagnosticReport", "laboratory", $"https://fhir.org1.example.com/DiagnosticReport/{i}", hash, 2048, "application/fhir+json")).WithTimeout();
            }

            // The client returned after the gateway's peer committed the add: its ledger holds it.
            var ledger = _network.GetPeerLedger(Org1Peer);
            for (var number = ledger.Height - 1; number > 0; number--)
            {
                var block = await ledger.GetBlockAsync(number).WithTimeout();
                for (var i = block.Block.Data.Data.Count - 1; i >= 0; i--)
                {
                    if (FirstArgument(block.Block.Data.Data[i]) == "AddRecord")
                    {
                        return (EndorsedRwSet(block.Block.Data.Data[i]), block.Transactions[i].Code);
                    }
                }
            }

            throw new InvalidOperationException("no AddRecord transaction in the gateway peer's ledger");
        }

        public async ValueTask DisposeAsync()
        {
            _doctor.Dispose();
            await _network.DisposeAsync();
            await _chaincode.DisposeAsync();
            _directory.Dispose();
        }
    }
}
