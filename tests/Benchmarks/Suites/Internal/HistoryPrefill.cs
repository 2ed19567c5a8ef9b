using System.Globalization;
using System.Security.Cryptography;
using Fabric.DevNetwork;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using HealthRecords.Domain.Merkle;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
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
        var creator = MspDirectory.Load(org1.GetUser("User1").MspDirectory, org1.MspId);
        var endorser = MspDirectory.Load(org1.Nodes[0].MspDirectory, org1.MspId);
        var writes = storage.Values.Select(kv => new KVWrite { Key = CompositeKey.Create(HistoryObjectType, patientId, kv.Key), Value = ByteString.CopyFrom(kv.Value) }).ToList();
        foreach (var chunk in writes.Chunk(KeysPerTransaction))
        {
            var (envelope, txId) = await BuildAsync(network.ChannelId, chaincode, chunk, creator, endorser, cancellationToken).ConfigureAwait(false);
            var code = await client.SubmitPreparedAsync(envelope, txId, cancellationToken).ConfigureAwait(false);
            if (code != TxValidationCode.Valid)
            {
                throw new InvalidOperationException($"A history prefill transaction committed as {code}.");
            }
        }
    }

    private static async Task<(Envelope Envelope, string TxId)> BuildAsync(
        string channelId, string chaincode, IEnumerable<KVWrite> writes, MspDirectory creatorMsp, MspDirectory endorserMsp, CancellationToken cancellationToken)
    {
        var creatorSigner = creatorMsp.CreateSigner();
        var endorserSigner = endorserMsp.CreateSigner();
        var nonce = RandomNumberGenerator.GetBytes(24);
        var creator = creatorMsp.Identity.ToSerializedIdentity();
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator]));
        var signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) }.ToByteString();
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } }.ToByteString(),
        }.ToByteString();
        var rwset = new KVRWSet();
        rwset.Writes.AddRange(writes);
        var results = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv, NsRwset = { new NsReadWriteSet { Namespace = chaincode, Rwset = rwset.ToByteString() } } };
        var input = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = chaincode }, Input = new ChaincodeInput { Args = { ByteString.CopyFromUtf8("BenchPrefillHistory") } } },
        };
        var proposalPayload = new ChaincodeProposalPayload { Input = input.ToByteString() }.ToByteString();
        var responsePayload = new ProposalResponsePayload
        {
            // Fabric's proposal hash over the headers and the proposal payload, which the committer checks.
            ProposalHash = ByteString.CopyFrom(SHA256.HashData([.. channelHeader.Span, .. signatureHeader.Span, .. proposalPayload.Span])),
            Extension = new ChaincodeAction
            {
                Results = results.ToByteString(),
                Response = new Response { Status = 200 },
                ChaincodeId = new ChaincodeID { Name = chaincode, Version = "1.0" },
            }.ToByteString(),
        }.ToByteString();
        var endorserIdentity = endorserMsp.Identity.ToSerializedIdentity();
        var endorsement = await endorserSigner.SignAsync(SHA256.HashData([.. responsePayload.Span, .. endorserIdentity]), cancellationToken).ConfigureAwait(false);
        var action = new ChaincodeEndorsedAction
        {
            ProposalResponsePayload = responsePayload,
            Endorsements = { new Endorsement { Endorser = ByteString.CopyFrom(endorserIdentity), Signature = ByteString.CopyFrom(endorsement) } },
        };
        var transaction = new Transaction { Actions = { new TransactionAction { Header = signatureHeader, Payload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposalPayload, Action = action }.ToByteString() } } };
        var payload = new Payload { Header = new Header { ChannelHeader = channelHeader, SignatureHeader = signatureHeader }, Data = transaction.ToByteString() }.ToByteString();
        var signature = await creatorSigner.SignAsync(SHA256.HashData(payload.Span), cancellationToken).ConfigureAwait(false);
        return (new Envelope { Payload = payload, Signature = ByteString.CopyFrom(signature) }, txId);
    }
}
