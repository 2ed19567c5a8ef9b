using Google.Protobuf;
using TestSupport;

namespace Hyperledger.Fabric.Protos.Tests.Interop;

/// <summary>
/// Runs tests/interop/protos/roundtrip.js once per test class: the official Node classes' bytes
/// for every sample, and their decoding of both the Node bytes and the C# bytes.
/// </summary>
public sealed class NodeProtosFixture : IAsyncLifetime
{
    private const string Script = "protos/roundtrip.js";

    private readonly Dictionary<string, byte[]> _nodeBytes = [];
    private readonly Dictionary<string, string> _nodeDecodedNode = [];
    private readonly Dictionary<string, string> _nodeDecodedCSharp = [];

    /// <summary>Bytes the official Node classes produced for a sample.</summary>
    public byte[] NodeBytes(string name) => _nodeBytes[name];

    /// <summary>The official classes' canonical JSON (toObject) of their own sample bytes.</summary>
    public string NodeJsonOfNodeBytes(string name) => _nodeDecodedNode[name];

    /// <summary>The official classes' canonical JSON (toObject) of the bytes our C# types wrote.</summary>
    public string NodeJsonOfCSharpBytes(string name) => _nodeDecodedCSharp[name];

    /// <summary>Decodes arbitrary C# bytes with one of the official classes roundtrip.js knows.</summary>
    public static async Task<string> DecodeAsync(string name, IMessage message)
    {
        var output = await NodeInterop.RunAsync(Script, ["decode"], TestTimeouts.Long, Line(name, message.ToByteArray()));
        return JsonOf(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(), name);
    }

    public async Task InitializeAsync()
    {
        var samples = await NodeInterop.RunAsync(Script, ["samples"], TestTimeouts.Long);
        foreach (var line in samples.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 2);
            _nodeBytes[parts[0]] = Convert.FromBase64String(parts.Length > 1 ? parts[1].Trim() : string.Empty);
        }

        // One Node process decodes everything: first the Node samples, then the C# twins.
        var input = string.Concat(Samples.Names.Select(n => Line(n, _nodeBytes[n])))
            + string.Concat(Samples.Names.Select(n => Line(n, Samples.Build(n).ToByteArray())));
        var decoded = (await NodeInterop.RunAsync(Script, ["decode"], TestTimeouts.Long, input))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < Samples.Names.Count; i++)
        {
            var name = Samples.Names[i];
            _nodeDecodedNode[name] = JsonOf(decoded[i], name);
            _nodeDecodedCSharp[name] = JsonOf(decoded[Samples.Names.Count + i], name);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Line(string name, byte[] bytes) => name + " " + Convert.ToBase64String(bytes) + "\n";

    private static string JsonOf(string line, string expectedName)
    {
        var parts = line.Split(' ', 2);
        Assert.Equal(expectedName, parts[0]);
        return parts[1];
    }
}
