using Google.Protobuf;

namespace Hyperledger.Fabric.Protos.Tests.Interop;

/// <summary>
/// Every sample, both ways: the bytes our types write equal the official Node classes' bytes,
/// our types read the Node bytes back to an equal message (no unknown fields), and the official
/// classes read our bytes to the same object as their own.
/// </summary>
public sealed class RoundTripTests(NodeProtosFixture node) : IClassFixture<NodeProtosFixture>
{
    public static TheoryData<string> Names => [.. Samples.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void ToByteArray_SameValuesAsNodeSample_IdenticalBytes(string name)
    {
        var ours = Samples.Build(name).ToByteArray();

        Assert.Equal(Convert.ToBase64String(node.NodeBytes(name)), Convert.ToBase64String(ours));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_NodeBytes_EqualsOurMessageAndReserialisesIdentically(string name)
    {
        var expected = Samples.Build(name);
        var parsed = expected.Descriptor.Parser.ParseFrom(node.NodeBytes(name));

        // Equality includes unknown fields, so a field our schema lacks would fail here.
        Assert.Equal(expected, parsed);
        Assert.Equal(node.NodeBytes(name), parsed.ToByteArray());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void NodeDecode_OurBytes_SameObjectAsNodeSample(string name)
    {
        Assert.Equal(node.NodeJsonOfNodeBytes(name), node.NodeJsonOfCSharpBytes(name));
    }
}
