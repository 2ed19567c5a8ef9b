using System.Globalization;
using Fabric.DevNetwork;
using Google.Protobuf;
using HealthRecords.Domain.Merkle;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;
using Hyperledger.Fabric.Shim;

namespace Benchmarks.Suites.Internal;

/// <summary>
/// The bulk path that gives a patient a history of 10^5 leaves in seconds instead of 10^5 AddRecord
/// transactions: the domain's own <see cref="MerkleLog"/> builds the log in memory, and its keys, under
/// the composite keys the chaincode keeps them (<c>hrec.history</c> [patient, merkle key]), are
/// committed to the dev network by write-only transactions of the chaincode's namespace. Each is
/// created by Org1's User1, endorsed (signed) by Org1's peer, submitted through the gateway and
/// validated by the peers like any other, so the appends measured afterwards run against the real
/// world state of a log that size.
/// </summary>
internal static class HistoryPrefill
{
    private const string HistoryObjectType = "hrec.history";
    private const int KeysPerTransaction = 10_000;

    /// <summary>Replaces the patient's history with a log of <paramref name="size"/> synthetic leaves.</summary>
    public static async Task WriteAsync(DevNetwork network, DevNetworkBenchClient client, string chaincode, string patientId, long size, CancellationToken cancellationToken)
    {
        var storage = new InMemoryMerkleStorage();
        var log = new MerkleLog(storage);
        for (var i = 0L; i < size; i++)
        {
            await log.AppendAsync(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"record-added\",\"n\":{i}}}")), cancellationToken).ConfigureAwait(false);
        }

        var org1 = network.Crypto.GetOrganization("Org1MSP");
        var creatorMsp = MspDirectory.Load(org1.GetUser("User1").MspDirectory, org1.MspId);
        var endorserMsp = MspDirectory.Load(org1.Nodes[0].MspDirectory, org1.MspId);
        var creator = (creatorMsp.Identity, creatorMsp.CreateSigner());
        (X509Identity, ISigner)[] endorsers = [(endorserMsp.Identity, endorserMsp.CreateSigner())];
        var writes = storage.Values.Select(kv => new KVWrite { Key = CompositeKey.Create(HistoryObjectType, patientId, kv.Key), Value = ByteString.CopyFrom(kv.Value) }).ToList();
        foreach (var chunk in writes.Chunk(KeysPerTransaction))
        {
            var rwset = new KVRWSet();
            rwset.Writes.AddRange(chunk);
            var (envelope, txId) = await WriteOnlyTransaction.BuildAsync(network.ChannelId, chaincode, rwset, ["BenchPrefillHistory"], creator, endorsers, cancellationToken).ConfigureAwait(false);
            var code = await client.SubmitPreparedAsync(envelope, txId, cancellationToken).ConfigureAwait(false);
            if (code != TxValidationCode.Valid)
            {
                throw new InvalidOperationException($"A history prefill transaction committed as {code}.");
            }
        }
    }
}
