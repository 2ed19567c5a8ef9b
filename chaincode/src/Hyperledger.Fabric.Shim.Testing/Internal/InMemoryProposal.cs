using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim.Testing.Internal;

/// <summary>
/// Builds the (unsigned) proposal an in-memory transaction reports, shaped like a client's:
/// channel header with tx id and timestamp, signature header with creator and nonce, and a
/// chaincode proposal payload with the input and transient map.
/// </summary>
internal static class InMemoryProposal
{
    public static (string TxId, SignedProposal Proposal, byte[] Binding) Build(
        string channelId, IReadOnlyList<byte[]> args, byte[] creator, IReadOnlyDictionary<string, byte[]> transient, long sequence, string? txId, DateTimeOffset timestamp)
    {
        // A deterministic nonce keeps test runs reproducible; Fabric's is random. A given tx id names one
        // proposal, so it keeps one nonce (and binding) however often that proposal is run, as on two endorsers.
        var nonce = SHA256.HashData(Encoding.UTF8.GetBytes(txId is null ? "in-memory-nonce:" + sequence : "in-memory-nonce-of:" + txId))[..24];
        txId ??= Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator]));
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTimeOffset(timestamp),
            Epoch = 0,
        };
        var signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) };
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(a => ByteString.CopyFrom(a)));
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { Input = input } }.ToByteString(),
        };
        foreach (var (key, value) in transient)
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new Proposal
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        var binding = new byte[nonce.Length + creator.Length + 8];
        nonce.CopyTo(binding, 0);
        creator.CopyTo(binding, nonce.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(binding.AsSpan(nonce.Length + creator.Length), channelHeader.Epoch);
        return (txId, new SignedProposal { ProposalBytes = proposal.ToByteString() }, SHA256.HashData(binding));
    }
}
