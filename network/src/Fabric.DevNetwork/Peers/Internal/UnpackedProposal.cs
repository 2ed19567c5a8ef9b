using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>A signed proposal taken apart into the headers and payloads the peer needs.</summary>
internal sealed record UnpackedProposal(
    SignedProposal Signed,
    Proposal Proposal,
    Header Header,
    ChannelHeader ChannelHeader,
    SignatureHeader SignatureHeader,
    ChaincodeProposalPayload Payload,
    ChaincodeInvocationSpec InvocationSpec,
    ChaincodeHeaderExtension HeaderExtension)
{
    public string ChannelId => ChannelHeader.ChannelId;

    public string TxId => ChannelHeader.TxId;

    /// <summary>The chaincode named by the header extension, which is what Fabric routes and checks by.</summary>
    public string ChaincodeName => HeaderExtension.ChaincodeId.Name;

    /// <summary>Parses every layer; throws <see cref="FormatException"/> naming the layer that failed.</summary>
    public static UnpackedProposal Unpack(SignedProposal? signed)
    {
        if (signed is null || signed.ProposalBytes.IsEmpty)
        {
            throw new FormatException("the proposed transaction must contain a signed proposal");
        }

        var proposal = Parse(Proposal.Parser, signed.ProposalBytes, "Proposal");
        var header = Parse(Header.Parser, proposal.Header, "Header");
        var channelHeader = Parse(ChannelHeader.Parser, header.ChannelHeader, "ChannelHeader");
        var signatureHeader = Parse(SignatureHeader.Parser, header.SignatureHeader, "SignatureHeader");
        if (channelHeader.Epoch != 0)
        {
            throw new FormatException($"invalid Epoch in ChannelHeader: it must be 0, not {channelHeader.Epoch}");
        }

        // Fabric takes the chaincode from the header extension, never from the invocation spec.
        var extension = Parse(ChaincodeHeaderExtension.Parser, channelHeader.Extension, "ChaincodeHeaderExtension");
        if (extension.ChaincodeId is null)
        {
            throw new FormatException("ChaincodeHeaderExtension.ChaincodeId is nil");
        }

        if (string.IsNullOrEmpty(extension.ChaincodeId.Name))
        {
            throw new FormatException("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
        }

        var payload = Parse(ChaincodeProposalPayload.Parser, proposal.Payload, "ChaincodeProposalPayload");
        var spec = Parse(ChaincodeInvocationSpec.Parser, payload.Input, "ChaincodeInvocationSpec");
        if (spec.ChaincodeSpec is null)
        {
            throw new FormatException("the chaincode invocation spec has no chaincode spec");
        }

        if (spec.ChaincodeSpec.Input is null)
        {
            throw new FormatException("the chaincode spec has no input");
        }

        return new UnpackedProposal(signed, proposal, header, channelHeader, signatureHeader, payload, spec, extension);
    }

    /// <summary>The chaincode proposal payload without transient data, as the transaction carries it.</summary>
    public ByteString PayloadWithoutTransient() => new ChaincodeProposalPayload { Input = Payload.Input }.ToByteString();

    /// <summary>Fabric's proposal hash: SHA-256 of channel header || signature header || payload without transient data.</summary>
    public ByteString ComputeProposalHash()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(Header.ChannelHeader.Span);
        hash.AppendData(Header.SignatureHeader.Span);
        hash.AppendData(PayloadWithoutTransient().Span);
        return ByteString.CopyFrom(hash.GetHashAndReset());
    }

    private static T Parse<T>(MessageParser<T> parser, ByteString bytes, string name)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"error unmarshalling {name}: {ex.Message}", ex);
        }
    }
}
