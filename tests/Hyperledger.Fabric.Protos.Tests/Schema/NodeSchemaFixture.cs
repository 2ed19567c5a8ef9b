using System.Text.Json;
using TestSupport;

namespace Hyperledger.Fabric.Protos.Tests.Schema;

/// <summary>
/// The official Node package's view of every file we mirror (tests/interop/protos/schema.js):
/// message fields with labels, types and numbers, and enum values.
/// </summary>
public sealed class NodeSchemaFixture : IAsyncLifetime
{
    /// <summary>Our .proto files, by path without extension, as the Node package names its modules.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "common/common", "common/ledger", "common/policies", "msp/identities", "msp/msp_principal",
        "peer/chaincode", "peer/chaincode_event", "peer/chaincode_shim", "peer/proposal", "peer/proposal_response",
        "peer/transaction", "peer/policy", "ledger/rwset/rwset", "ledger/rwset/kvrwset/kv_rwset",
        "ledger/queryresult/kv_query_result", "orderer/ab", "gateway/gateway", "google/rpc/status",
        "common/configtx", "common/configuration", "msp/msp_config", "orderer/configuration", "orderer/etcdraft/configuration", "orderer/etcdraft/metadata",
        "peer/configuration", "peer/events", "peer/collection",
    ];

    /// <summary>File -> message full name -> its fields as the official classes declare them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<FieldShape>>> Messages { get; private set; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<FieldShape>>>();

    /// <summary>File -> enum full name -> value name -> number.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>> Enums { get; private set; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>>();

    /// <summary>One enum's values, wherever it is declared.</summary>
    public IReadOnlyDictionary<string, int> Enum(string fullName) =>
        Enums.Values.Single(e => e.ContainsKey(fullName))[fullName];

    public async Task InitializeAsync()
    {
        var json = await NodeInterop.RunAsync("protos/schema.js", Files, TestTimeouts.Long);
        using var doc = JsonDocument.Parse(json);
        var files = doc.RootElement.EnumerateObject().ToList();
        Messages = files.ToDictionary(
            file => file.Name,
            file => (IReadOnlyDictionary<string, IReadOnlyList<FieldShape>>)file.Value.GetProperty("messages").EnumerateObject().ToDictionary(
                m => m.Name,
                m => (IReadOnlyList<FieldShape>)m.Value.EnumerateArray()
                    .Select(f => new FieldShape(
                        f.GetProperty("number").GetInt32(),
                        f.GetProperty("name").GetString()!,
                        f.GetProperty("label").GetString()!,
                        ShortType(f.GetProperty("type").GetString()!)))
                    .OrderBy(f => f.Number)
                    .ToList()));
        Enums = files.ToDictionary(
            file => file.Name,
            file => (IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>)file.Value.GetProperty("enums").EnumerateObject().ToDictionary(
                e => e.Name,
                e => (IReadOnlyDictionary<string, int>)e.Value.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetInt32())));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Scalars stay as written; message and enum types keep only their simple name, also as a map's value (<c>map&lt;uint64, rwset.X&gt;</c>).</summary>
    public static string ShortType(string type)
    {
        if (!type.StartsWith("map<", StringComparison.Ordinal))
        {
            return type[(type.LastIndexOf('.') + 1)..];
        }

        var parts = type["map<".Length..^1].Split(", ");
        return $"map<{string.Join(", ", parts.Select(ShortType))}>";
    }
}

/// <summary>One field's wire-relevant shape: number, name, label (optional, repeated, map) and type.</summary>
public sealed record FieldShape(int Number, string Name, string Label, string Type);
