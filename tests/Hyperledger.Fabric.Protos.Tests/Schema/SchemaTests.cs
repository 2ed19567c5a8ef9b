using Google.Protobuf.Reflection;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Protos.Tests.Schema;

/// <summary>
/// Our compiled descriptors against the official Node package: same messages, same fields
/// (number, name, label, type) and same enum values, file by file.
/// </summary>
public sealed class SchemaTests(NodeSchemaFixture node) : IClassFixture<NodeSchemaFixture>
{
    public static TheoryData<string> Files => [.. NodeSchemaFixture.Files];

    [Theory]
    [MemberData(nameof(Files))]
    public void Messages_OurFile_SameMessagesAndFieldsAsOfficial(string file)
    {
        var ours = OurMessages(OurFile(file)).ToDictionary(m => m.FullName);
        var official = node.Messages[file];

        Assert.Equal(official.Keys.Order(), ours.Keys.Order());
        foreach (var (name, fields) in official)
        {
            Assert.Equal(Render(name, fields), Render(name, ShapeOf(ours[name])));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Enums_OurFile_SameValuesAsOfficial(string file)
    {
        var ours = OurEnums(OurFile(file)).ToDictionary(e => e.FullName, e => e.Values.ToDictionary(v => v.Name, v => v.Number));
        var official = node.Enums[file];

        Assert.Equal(official.Keys.Order(), ours.Keys.Order());
        foreach (var (name, values) in official)
        {
            Assert.Equal(Render(name, values), Render(name, ours[name]));
        }
    }

    [Fact]
    public void TxValidationCode_Values_SameCountAsOfficial()
    {
        var official = node.Enum("protos.TxValidationCode");

        Assert.Equal(official.Count, Enum.GetValues<TxValidationCode>().Length);
        Assert.Equal(255, (int)TxValidationCode.InvalidOtherReason);
    }

    [Fact]
    public void ChaincodeMessageType_Values_SameCountAsOfficial()
    {
        var official = node.Enum("protos.ChaincodeMessage.Type");

        Assert.Equal(official.Count, Enum.GetValues<ChaincodeMessage.Types.Type>().Length);
        Assert.Equal((int)ChaincodeMessage.Types.Type.GetStateByRange, official["GET_STATE_BY_RANGE"]);
    }

    [Fact]
    public void HeaderTypeAndBlockMetadataIndex_Values_SameCountAsOfficial()
    {
        Assert.Equal(node.Enum("common.HeaderType").Count, Enum.GetValues<HeaderType>().Length);
        Assert.Equal(node.Enum("common.BlockMetadataIndex").Count, Enum.GetValues<BlockMetadataIndex>().Length);
    }

    private static FileDescriptor OurFile(string file)
    {
        var files = typeof(CommonReflection).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null))
            .OfType<FileDescriptor>();
        return Assert.Single(files, f => f.Name == file + ".proto");
    }

    private static string Render(string name, IEnumerable<FieldShape> fields) =>
        name + ": " + string.Join("; ", fields.Select(f => $"{f.Label} {f.Type} {f.Name} = {f.Number}"));

    private static string Render(string name, IEnumerable<KeyValuePair<string, int>> values) =>
        name + ": " + string.Join("; ", values.OrderBy(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} = {v.Value}"));

    private static IEnumerable<MessageDescriptor> OurMessages(FileDescriptor file) => file.MessageTypes.SelectMany(Flatten);

    private static IEnumerable<MessageDescriptor> Flatten(MessageDescriptor message)
    {
        var mapEntries = message.Fields.InFieldNumberOrder().Where(f => f.IsMap).Select(f => f.MessageType.FullName).ToHashSet();
        return new[] { message }.Concat(message.NestedTypes.Where(n => !mapEntries.Contains(n.FullName)).SelectMany(Flatten));
    }

    private static IEnumerable<EnumDescriptor> OurEnums(FileDescriptor file) =>
        file.EnumTypes.Concat(OurMessages(file).SelectMany(m => m.EnumTypes));

    private static List<FieldShape> ShapeOf(MessageDescriptor message) =>
        message.Fields.InFieldNumberOrder().Select(f => new FieldShape(
            f.FieldNumber,
            f.Name,
            f.IsMap ? "map" : f.IsRepeated ? "repeated" : "optional",
            TypeOf(f))).ToList();

    private static string TypeOf(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            var entry = field.MessageType;
            return $"map<{TypeOf(entry.FindFieldByNumber(1))}, {TypeOf(entry.FindFieldByNumber(2))}>";
        }

        return field.FieldType switch
        {
            FieldType.Message => field.MessageType.Name,
            FieldType.Enum => field.EnumType.Name,
            _ => field.FieldType.ToString().ToLowerInvariant(),
        };
    }
}
