namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The collections' <c>block_to_live</c> (Fabric's BTL policy): private data committed in block N of a
/// collection with a block-to-live of b expires when block N + b + 1 commits (Fabric's
/// <c>ComputeExpiringBlock</c>); zero means it never expires.
/// </summary>
internal sealed class BlockToLive
{
    private readonly Dictionary<(string Namespace, string Collection), ulong> _blocks = [];

    private BlockToLive()
    {
    }

    /// <summary>No collection expires.</summary>
    public static BlockToLive None { get; } = new();

    /// <summary>Collections with a non-zero block-to-live, with it.</summary>
    public IEnumerable<(string Namespace, string Collection, ulong Blocks)> Expiring => _blocks.Select(e => (e.Key.Namespace, e.Key.Collection, e.Value));

    public bool IsEmpty => _blocks.Count == 0;

    public static BlockToLive From(IEnumerable<ChaincodeDefinition> chaincodes)
    {
        var policy = new BlockToLive();
        foreach (var chaincode in chaincodes)
        {
            foreach (var collection in chaincode.Collections.Where(c => c.BlockToLive > 0))
            {
                policy._blocks[(chaincode.Name, collection.Name)] = collection.BlockToLive;
            }
        }

        return policy;
    }

    /// <summary>Whether data of the collection committed in <paramref name="committedIn"/> is gone once block <paramref name="height"/> - 1 has committed.</summary>
    public bool IsExpired(string ns, string collection, ulong committedIn, ulong height) =>
        _blocks.TryGetValue((ns, collection), out var blocks) && committedIn + blocks + 1 < height;

    /// <summary>Whether data of the collection committed in <paramref name="committedIn"/> expires when block <paramref name="blockNumber"/> commits, or did before.</summary>
    public bool ExpiresBy(string ns, string collection, ulong committedIn, ulong blockNumber) =>
        _blocks.TryGetValue((ns, collection), out var blocks) && committedIn + blocks + 1 <= blockNumber;
}
