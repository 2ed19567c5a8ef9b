using System.Text.Json;
using TestSupport;

namespace Fabric.Grpc.Tests.Infrastructure;

/// <summary>Runs one scenario of tests/interop/grpc/echo-client.js (the official @grpc/grpc-js client).</summary>
public static class NodeEchoClient
{
    public static async Task<JsonElement> RunAsync(string target, string scenario, params string[] extra)
    {
        string[] arguments = ["--target", target, "--scenario", scenario, .. extra];
        var output = await NodeInterop.RunAsync("grpc/echo-client.js", arguments, TestTimeouts.Long);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    public static StatusCode Code(this JsonElement result) => (StatusCode)result.GetProperty("code").GetInt32();
}
