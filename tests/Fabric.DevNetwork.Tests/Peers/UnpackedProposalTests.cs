using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Fabric.DevNetwork.Peers.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Peers;

/// <summary>
/// The proposal is unpacked into slices of the bytes the gateway received, so an argument is held once however
/// many layers and peers look at it (issue 15, item 11), and the result is what the generated parsers give.
/// </summary>
public sealed class UnpackedProposalTests
{
    private static readonly byte[] Creator = [1, 2, 3];

    [Fact]
    public void Unpack_LargeArgument_IsASliceOfTheProposalBytesNotACopy()
    {
        var argument = new string('x', 1024 * 1024);
        var signed = ProposalBuilder.Create(Creator, "ch", "cc", ["AddRecord", argument]).Proposal;

        var unpacked = UnpackedProposal.Unpack(signed);

        Assert.True(MemoryMarshal.TryGetArray(signed.ProposalBytes.Memory, out var original));
        Assert.Same(original.Array, ArrayOf(unpacked.Proposal.Payload));
        Assert.Same(original.Array, ArrayOf(unpacked.Payload.Input));
        Assert.Same(original.Array, ArrayOf(unpacked.InputBytes));
        Assert.Same(original.Array, ArrayOf(unpacked.InvocationSpec.ChaincodeSpec.Input.Args[1]));
        Assert.Equal(argument, unpacked.InvocationSpec.ChaincodeSpec.Input.Args[1].ToStringUtf8());
    }

    [Fact]
    public void Unpack_ProposalWithTransientData_EqualsTheGeneratedParsersLayerByLayer()
    {
        var options = new ProposalBuildOptions { Transient = new Dictionary<string, byte[]> { ["secret"] = [9, 9] } };
        var signed = ProposalBuilder.Create(Creator, "ch", "cc", ["Put", "k", "v"], options).Proposal;

        var unpacked = UnpackedProposal.Unpack(signed);

        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input);
        Assert.Equal(proposal, unpacked.Proposal);
        Assert.Equal(payload, unpacked.Payload);
        Assert.Equal(spec, unpacked.InvocationSpec);
        Assert.Equal(spec.ChaincodeSpec.Input.ToByteString(), unpacked.InputBytes);
        Assert.Equal("cc", unpacked.ChaincodeName);
    }

    [Fact]
    public void ComputeProposalHash_WithoutCopyingTheInput_IsFabricsHashOfHeadersAndPayloadWithoutTransient()
    {
        var options = new ProposalBuildOptions { Transient = new Dictionary<string, byte[]> { ["secret"] = [9, 9] } };
        var signed = ProposalBuilder.Create(Creator, "ch", "cc", ["Put", "k", "v"], options).Proposal;
        var unpacked = UnpackedProposal.Unpack(signed);

        var withoutTransient = new ChaincodeProposalPayload { Input = unpacked.Payload.Input }.ToByteArray();
        var expected = SHA256.HashData([.. unpacked.Header.ChannelHeader.Span, .. unpacked.Header.SignatureHeader.Span, .. withoutTransient]);
        Assert.Equal(expected, unpacked.ComputeProposalHash().ToByteArray());
    }

    [Fact]
    public void Unpack_ChaincodeSpecGivenTwice_MergesAsProtobufDoes()
    {
        // Two chaincode_spec fields merge: the first's name, the second's input. Slicing the last would lose the name.
        var first = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = "cc" } } }.ToByteArray();
        var second = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { Input = ProposalBuilder.Input(["Get", "k"]) } }.ToByteArray();
        var merged = ChaincodeInvocationSpec.Parser.ParseFrom([.. first, .. second]);
        var signed = Rewrap(ProposalBuilder.Create(Creator, "ch", "cc", ["Get", "k"]).Proposal, [.. first, .. second]);

        var unpacked = UnpackedProposal.Unpack(signed);

        Assert.Equal(merged, unpacked.InvocationSpec);
        Assert.Equal("cc", unpacked.InvocationSpec.ChaincodeSpec.ChaincodeId.Name);
        Assert.Equal(merged.ChaincodeSpec.Input.ToByteString(), unpacked.InputBytes);
    }

    [Fact]
    public void Unpack_TruncatedPayload_FailsNamingTheLayer()
    {
        var signed = ProposalBuilder.Create(Creator, "ch", "cc", ["Put", "k", "v"]).Proposal;
        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        proposal.Payload = ByteString.CopyFrom(proposal.Payload.Span[..^3]);
        signed.ProposalBytes = proposal.ToByteString();

        var error = Assert.Throws<FormatException>(() => { _ = UnpackedProposal.Unpack(signed); });

        Assert.StartsWith("error unmarshalling ChaincodeProposalPayload:", error.Message, StringComparison.Ordinal);
    }

    private static SignedProposal Rewrap(SignedProposal signed, byte[] invocationSpec)
    {
        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        proposal.Payload = new ChaincodeProposalPayload { Input = ByteString.CopyFrom(invocationSpec) }.ToByteString();
        return new SignedProposal { ProposalBytes = proposal.ToByteString() };
    }

    private static byte[]? ArrayOf(ByteString bytes) => MemoryMarshal.TryGetArray(bytes.Memory, out var segment) ? segment.Array : null;
}
