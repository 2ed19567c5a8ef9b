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

    /// <summary>
    /// Parses every layer; throws <see cref="FormatException"/> naming the layer that failed. The payload,
    /// the invocation spec and the arguments are slices of <see cref="SignedProposal.ProposalBytes"/>, not
    /// copies, so a large argument is held once however many layers and peers look at it.
    /// </summary>
    public static UnpackedProposal Unpack(SignedProposal? signed)
    {
        if (signed is null || signed.ProposalBytes.IsEmpty)
        {
            throw new FormatException("the proposed transaction must contain a signed proposal");
        }

        var proposalParts = Take(signed.ProposalBytes, Proposal.PayloadFieldNumber, "Proposal");
        var proposal = Parse(Proposal.Parser, proposalParts.Rest, "Proposal");
        proposal.Payload = LastOrEmpty(proposalParts);
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

        var payloadParts = Take(proposal.Payload, ChaincodeProposalPayload.InputFieldNumber, "ChaincodeProposalPayload");
        var payload = Parse(ChaincodeProposalPayload.Parser, payloadParts.Rest, "ChaincodeProposalPayload");
        payload.Input = LastOrEmpty(payloadParts);
        var (spec, input) = ParseInvocationSpec(payload.Input);
        if (spec.ChaincodeSpec is null)
        {
            throw new FormatException("the chaincode invocation spec has no chaincode spec");
        }

        if (spec.ChaincodeSpec.Input is null)
        {
            throw new FormatException("the chaincode spec has no input");
        }

        return new UnpackedProposal(signed, proposal, header, channelHeader, signatureHeader, payload, spec, extension) { InputBytes = input };
    }

    /// <summary>The serialized <see cref="ChaincodeInput"/>, as the proposal carries it: what the chaincode's TRANSACTION message sends.</summary>
    public ByteString InputBytes { get; private init; } = ByteString.Empty;

    /// <summary>The chaincode proposal payload without transient data, as the transaction carries it.</summary>
    public ByteString PayloadWithoutTransient() => new ChaincodeProposalPayload { Input = Payload.Input }.ToByteString();

    /// <summary>Fabric's proposal hash: SHA-256 of channel header || signature header || payload without transient data.</summary>
    public ByteString ComputeProposalHash()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(Header.ChannelHeader.Span);
        hash.AppendData(Header.SignatureHeader.Span);
        // PayloadWithoutTransient() serialized, without copying the input: its one field's tag and length, then the input.
        hash.AppendData(WireSlices.LengthDelimitedPrefix(ChaincodeProposalPayload.InputFieldNumber, Payload.Input.Length));
        hash.AppendData(Payload.Input.Span);
        return ByteString.CopyFrom(hash.GetHashAndReset());
    }

    /// <summary>
    /// The invocation spec with its arguments as slices, and the serialized input. A message field given
    /// twice is merged by protobuf's rules, so then that layer is parsed whole (and copied) instead.
    /// </summary>
    private static (ChaincodeInvocationSpec Spec, ByteString Input) ParseInvocationSpec(ByteString bytes)
    {
        var specParts = Take(bytes, ChaincodeInvocationSpec.ChaincodeSpecFieldNumber, "ChaincodeInvocationSpec");
        if (specParts.Occurrences.Count != 1)
        {
            var whole = Parse(ChaincodeInvocationSpec.Parser, bytes, "ChaincodeInvocationSpec");
            return (whole, whole.ChaincodeSpec?.Input?.ToByteString() ?? ByteString.Empty);
        }

        var invocation = Parse(ChaincodeInvocationSpec.Parser, specParts.Rest, "ChaincodeInvocationSpec");
        var inputParts = Take(specParts.Occurrences[0], ChaincodeSpec.InputFieldNumber, "ChaincodeInvocationSpec");
        if (inputParts.Occurrences.Count != 1)
        {
            invocation.ChaincodeSpec = Parse(ChaincodeSpec.Parser, specParts.Occurrences[0], "ChaincodeInvocationSpec");
            return (invocation, invocation.ChaincodeSpec.Input?.ToByteString() ?? ByteString.Empty);
        }

        var chaincodeSpec = Parse(ChaincodeSpec.Parser, inputParts.Rest, "ChaincodeInvocationSpec");
        var inputBytes = inputParts.Occurrences[0];
        var argParts = Take(inputBytes, ChaincodeInput.ArgsFieldNumber, "ChaincodeInvocationSpec");
        var input = Parse(ChaincodeInput.Parser, argParts.Rest, "ChaincodeInvocationSpec");
        input.Args.AddRange(argParts.Occurrences);
        chaincodeSpec.Input = input;
        invocation.ChaincodeSpec = chaincodeSpec;
        return (invocation, inputBytes);
    }

    /// <summary>A <c>bytes</c> field given more than once takes its last value, as in protobuf.</summary>
    private static ByteString LastOrEmpty(WireSlices.Split split) => split.Occurrences.Count == 0 ? ByteString.Empty : split.Occurrences[^1];

    private static WireSlices.Split Take(ByteString bytes, int fieldNumber, string name)
    {
        try
        {
            return WireSlices.Take(bytes, fieldNumber);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"error unmarshalling {name}: {ex.Message}", ex);
        }
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
