using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Configuration;

/// <summary>
/// The channel configuration a ledger's block 0 holds, and whether its policies are those the options
/// describe: block 0 is written on first start only, so policies changed later would not be the block's.
/// </summary>
internal static class StoredChannelConfig
{
    /// <exception cref="InvalidProtocolBufferException">Block 0 does not hold a config envelope.</exception>
    public static Config FromBlock(Block block)
    {
        var payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
        return ConfigEnvelope.Parser.ParseFrom(payload.Data).Config ?? new Config();
    }

    /// <summary>
    /// The path of the first policy that differs between the two trees, else <c>/Channel/Application ACLs</c>
    /// when the Application's ACL tables differ, or null when all are the same.
    /// </summary>
    public static string? FirstPolicyDifference(Config stored, Config expected)
    {
        var a = Policies(stored.ChannelGroup, "/Channel");
        var b = Policies(expected.ChannelGroup, "/Channel");
        var policy = a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .FirstOrDefault(path => !a.TryGetValue(path, out var x) || !b.TryGetValue(path, out var y) || !x.Equals(y));
        return policy ?? (AclsOf(stored).Equals(AclsOf(expected)) ? null : "/Channel/Application ACLs");
    }

    // compared decoded: protobuf map order on the wire is not fixed
    private static Hyperledger.Fabric.Protos.Peer.ACLs AclsOf(Config config) =>
        config.ChannelGroup?.Groups.GetValueOrDefault("Application")?.Values.GetValueOrDefault("ACLs") is { } value
            ? Hyperledger.Fabric.Protos.Peer.ACLs.Parser.ParseFrom(value.Value)
            : new Hyperledger.Fabric.Protos.Peer.ACLs();

    private static Dictionary<string, ByteString> Policies(ConfigGroup? group, string path)
    {
        var result = new Dictionary<string, ByteString>(StringComparer.Ordinal);
        if (group is null)
        {
            return result;
        }

        foreach (var (name, policy) in group.Policies)
        {
            result[path + "/" + name] = policy.Policy?.ToByteString() ?? ByteString.Empty;
        }

        foreach (var (name, child) in group.Groups)
        {
            foreach (var entry in Policies(child, path + "/" + name))
            {
                result[entry.Key] = entry.Value;
            }
        }

        return result;
    }
}
