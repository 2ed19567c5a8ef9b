using System.Security.Cryptography;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>
/// Proposals shaped as a Fabric client sends them, for the socket test. Unsigned: the peer checks
/// the client's signature before it calls the chaincode, and the chaincode never looks at it.
/// </summary>
internal static class Proposals
{
    public static (SignedProposal Proposal, string TxId) Create(X509Identity creator, DateTimeOffset timestamp, byte[] nonce, params string[] args)
    {
        var creatorBytes = creator.ToSerializedIdentity();
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creatorBytes]));
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var chaincodeId = new ChaincodeID { Name = HealthRecordsContract.ContractName };
        var header = new Header
        {
            ChannelHeader = new ChannelHeader
            {
                Type = (int)HeaderType.EndorserTransaction,
                ChannelId = MiniPeer.Channel,
                TxId = txId,
                Timestamp = Timestamp.FromDateTimeOffset(timestamp),
                Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincodeId }.ToByteString(),
            }.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creatorBytes), Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = chaincodeId, Input = input } }.ToByteString(),
        };
        var proposal = new Proposal { Header = header.ToByteString(), Payload = payload.ToByteString() };
        return (new SignedProposal { ProposalBytes = proposal.ToByteString() }, txId);
    }
}
