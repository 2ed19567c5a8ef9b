using System.Text;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.DevNetwork.Tests.Ledger;

/// <summary>
/// The parts of Fabric's commit-hash update bytes (<c>privacyenabledstate.UpdatesBytesBuilder</c>) that the
/// real blocks of ../shared/fabric-reference/ do not exercise (they have no collections, deletes or metadata
/// writes): namespace and key order, hashed writes after public ones, collections named once, private
/// values and the config namespace left out, the last write to a key winning, and a metadata-only write
/// carrying the committed value.
/// </summary>
public sealed class CommitHashUpdateBytesTests
{
    [Fact]
    public void Build_MixedBlock_EntriesInFabricsOrderWithNamesOnFirstEntriesOnly()
    {
        var committed = StateSnapshot.Empty.Apply([Update("cc", "m", 1, 0, "vm")], 2);
        KeyUpdate[] updates =
        [
            Update("cc", "b", 2, 0, "vb"),
            Update("cc$$hcoll2", "0a", 2, 0, "h2"),
            Update("cc$$pcoll1", "secret", 2, 0, "s"),
            Update(string.Empty, "config", 2, 0, "c"),
            Update("aa", "z", 2, 0, "z"),
            Update("cc$$hcoll1", "ff", 2, 1, "h1"),
            Update("cc$$hcoll1", "01", 2, 1, "h0"),
            Update("cc", "b", 2, 1, "vb2"),
            Update("cc", "a", 2, 1, null),
            new KeyUpdate("cc", "m", new StateVersion(2, 1), "tx", new Timestamp(), false, false, ByteString.Empty, new Dictionary<string, ByteString>()),
            new KeyUpdate("cc", "absent", new StateVersion(2, 1), "tx", new Timestamp(), false, false, ByteString.Empty, new Dictionary<string, ByteString>()),
        ];

        var entries = Decode(CommitHashUpdateBytes.Build(updates, (ns, key) => committed.GetState(ns, key)?.Value));

        Assert.Equal(
            [
                "ns=aa coll= key=7a delete=False value=z version=010200",
                "ns=cc coll= key=61 delete=True value= version=01020101",
                "ns= coll= key=62 delete=False value=vb2 version=01020101",
                "ns= coll= key=6d delete=False value=vm version=01020101",
                "ns= coll=coll1 key=01 delete=False value=h0 version=01020101",
                "ns= coll= key=ff delete=False value=h1 version=01020101",
                "ns= coll=coll2 key=0a delete=False value=h2 version=010200",
            ],
            entries);
    }

    [Fact]
    public void Build_NoUpdates_EmptyBytes() =>
        Assert.Empty(CommitHashUpdateBytes.Build([], (_, _) => null));

    private static KeyUpdate Update(string ns, string key, ulong block, ulong tx, string? value) =>
        new(ns, key, new StateVersion(block, tx), "tx", new Timestamp(), true, value is null, value is null ? ByteString.Empty : ByteString.CopyFromUtf8(value), null);

    // reads KVWritesBatchProto{repeated KVWriteProto kvwrites = 1} by field number, as Fabric's update_batch.proto defines it
    private static List<string> Decode(byte[] bytes)
    {
        var entries = new List<string>();
        var batch = new CodedInputStream(bytes);
        for (var tag = batch.ReadTag(); tag != 0; tag = batch.ReadTag())
        {
            Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited), tag);
            var entry = new CodedInputStream(batch.ReadBytes().ToByteArray());
            string ns = string.Empty, collection = string.Empty, key = string.Empty, value = string.Empty, version = string.Empty;
            var delete = false;
            for (var field = entry.ReadTag(); field != 0; field = entry.ReadTag())
            {
                switch (WireFormat.GetTagFieldNumber(field))
                {
                    case 1: ns = entry.ReadString(); break;
                    case 2: collection = entry.ReadString(); break;
                    case 3: key = Convert.ToHexStringLower(entry.ReadBytes().Span); break;
                    case 4: delete = entry.ReadBool(); break;
                    case 5: value = Encoding.UTF8.GetString(entry.ReadBytes().Span); break;
                    case 6: version = Convert.ToHexStringLower(entry.ReadBytes().Span); break;
                    default: Assert.Fail($"unexpected field {WireFormat.GetTagFieldNumber(field)}"); break;
                }
            }

            entries.Add($"ns={ns} coll={collection} key={key} delete={delete} value={value} version={version}");
        }

        return entries;
    }
}
