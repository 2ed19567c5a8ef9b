using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Benchmarks.Suites.Internal;

/// <summary>
/// A transaction envelope whose read-write set is given rather than simulated: the benchmarks' bulk paths
/// (a long patient history, a large recovery ledger) commit through the real ordering and validation path
/// without running the chaincode once per write. Built from the wire schema only, independently of the
/// network's own code; the committer checks every signature and the proposal hash as for any other.
/// </summary>
internal static class WriteOnlyTransaction
{
    /// <summary>
    /// An envelope created and signed by <paramref name="creator"/> that writes <paramref name="writes"/> in
    /// <paramref name="chaincode"/>'s namespace, endorsed (signed) by each of <paramref name="endorsers"/>;
    /// <paramref name="args"/> is the invocation it claims (the function name first).
    /// </summary>
    public static async Task<(Envelope Envelope, string TxId)> BuildAsync(
        string channelId,
        string chaincode,
        KVRWSet writes,
        IEnumerable<string> args,
        (X509Identity Identity, ISigner Signer) creator,
        IEnumerable<(X509Identity Identity, ISigner Signer)> endorsers,
        CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(24);
        var creatorIdentity = creator.Identity.ToSerializedIdentity();
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creatorIdentity]));
        var signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creatorIdentity), Nonce = ByteString.CopyFrom(nonce) }.ToByteString();
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } }.ToByteString(),
        }.ToByteString();
        var results = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv, NsRwset = { new NsReadWriteSet { Namespace = chaincode, Rwset = writes.ToByteString() } } };
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var spec = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = chaincode }, Input = input } };
        var proposalPayload = new ChaincodeProposalPayload { Input = spec.ToByteString() }.ToByteString();
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
        var action = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload };
        foreach (var (identity, signer) in endorsers)
        {
            var endorser = identity.ToSerializedIdentity();
            var signature = await signer.SignAsync(SHA256.HashData([.. responsePayload.Span, .. endorser]), cancellationToken).ConfigureAwait(false);
            action.Endorsements.Add(new Endorsement { Endorser = ByteString.CopyFrom(endorser), Signature = ByteString.CopyFrom(signature) });
        }

        var transaction = new Transaction { Actions = { new TransactionAction { Header = signatureHeader, Payload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposalPayload, Action = action }.ToByteString() } } };
        var payload = new Payload { Header = new Header { ChannelHeader = channelHeader, SignatureHeader = signatureHeader }, Data = transaction.ToByteString() }.ToByteString();
        var envelopeSignature = await creator.Signer.SignAsync(SHA256.HashData(payload.Span), cancellationToken).ConfigureAwait(false);
        return (new Envelope { Payload = payload, Signature = ByteString.CopyFrom(envelopeSignature) }, txId);
    }
}
