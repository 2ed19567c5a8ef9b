using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>Builds unsigned proposals as Fabric's endorsers expect them (written from the protocol, shared with no other part).</summary>
internal static class ProposalBuilder
{
    private const int NonceLength = 24;

    /// <summary>hex(SHA-256(nonce || creator)), lower case, as Fabric computes transaction ids.</summary>
    public static string TransactionId(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator)
    {
        var buffer = new byte[nonce.Length + creator.Length];
        nonce.CopyTo(buffer);
        creator.CopyTo(buffer.AsSpan(nonce.Length));
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }

    public static ProposedTransaction Build(
        SigningContext signing, string channel, string chaincode, string function,
        IReadOnlyList<ReadOnlyMemory<byte>> arguments, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> transient,
        IReadOnlyList<string> endorsingOrganizations)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var transactionId = TransactionId(nonce, signing.Creator.Span);

        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channel,
            TxId = transactionId,
            Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } }.ToByteString(),
        };
        var signatureHeader = new SignatureHeader { Creator = signing.Creator, Nonce = ByteString.CopyFrom(nonce) };
        var header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() };

        var input = new ChaincodeInput();
        input.Args.Add(ByteString.CopyFromUtf8(function));
        foreach (var argument in arguments)
        {
            input.Args.Add(ByteString.CopyFrom(argument.Span));
        }

        var invocation = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = chaincode }, Input = input },
        };
        var payload = new ChaincodeProposalPayload { Input = invocation.ToByteString() };
        foreach (var (key, value) in transient)
        {
            payload.TransientMap.Add(key, ByteString.CopyFrom(value.Span));
        }

        var proposal = new Proposal { Header = header.ToByteString(), Payload = payload.ToByteString() };
        var proposed = new ProposedTransaction
        {
            TransactionId = transactionId,
            Proposal = new SignedProposal { ProposalBytes = proposal.ToByteString() },
        };
        proposed.EndorsingOrganizations.AddRange(endorsingOrganizations);
        return proposed;
    }

    /// <summary>
    /// The proposal hash endorsers put in their response: SHA-256 over the channel header, the signature
    /// header and the chaincode proposal payload without its transient map.
    /// </summary>
    public static byte[] ProposalHash(Proposal proposal)
    {
        var header = Header.Parser.ParseFrom(proposal.Header);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var withoutTransient = new ChaincodeProposalPayload { Input = payload.Input }.ToByteArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header.ChannelHeader.Span);
        hash.AppendData(header.SignatureHeader.Span);
        hash.AppendData(withoutTransient);
        return hash.GetHashAndReset();
    }

    public static string ChannelOf(ByteString proposalBytes) => ChannelHeaderOf(proposalBytes).ChannelId;

    public static ChannelHeader ChannelHeaderOf(ByteString proposalBytes)
    {
        var proposal = Proposal.Parser.ParseFrom(proposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        return ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
    }

    /// <summary>The chaincode a channel header's extension names, or null (for telemetry; never fails).</summary>
    public static string? ChaincodeOf(ChannelHeader header)
    {
        try
        {
            var name = ChaincodeHeaderExtension.Parser.ParseFrom(header.Extension).ChaincodeId?.Name;
            return string.IsNullOrEmpty(name) ? null : name;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
