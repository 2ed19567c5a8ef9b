using System.Security.Cryptography;
using System.Text;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim.Tests.Infrastructure;

/// <summary>Builds a real, signed proposal the way a Fabric client does (test-only, independent of the gateway client).</summary>
internal static class ProposalBuilder
{
    public static (SignedProposal Proposal, string TxId, byte[] Nonce) Create(
        TestIdentity signer, string channelId, string chaincodeName, IEnumerable<string> args,
        IReadOnlyDictionary<string, byte[]>? transient = null, DateTimeOffset? timestamp = null, byte[]? nonce = null)
    {
        nonce ??= RandomNumberGenerator.GetBytes(24);
        var creator = signer.Identity.ToSerializedIdentity();
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator]));
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTimeOffset(timestamp ?? DateTimeOffset.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincodeName } }.ToByteString(),
        };
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec
            {
                ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = chaincodeName }, Input = input },
            }.ToByteString(),
        };
        foreach (var (key, value) in transient ?? new Dictionary<string, byte[]>())
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new Proposal
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
            }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        var proposalBytes = proposal.ToByteArray();
        var signature = Signers.FromPrivateKey(signer.Key).SignAsync(SHA256.HashData(proposalBytes)).AsTask().GetAwaiter().GetResult();
        return (new SignedProposal { ProposalBytes = ByteString.CopyFrom(proposalBytes), Signature = ByteString.CopyFrom(signature) }, txId, nonce);
    }

    public static ChaincodeInput Input(IEnumerable<string> args)
    {
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(a => ByteString.CopyFrom(Encoding.UTF8.GetBytes(a))));
        return input;
    }
}
