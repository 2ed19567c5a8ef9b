using System.Text.Json;

namespace HealthRecords.Chaincode.Tests;

/// <summary>
/// The runtime settings the chaincode host ships with, read from the runtimeconfig.json its build
/// writes (the file <c>dotnet HealthRecords.Chaincode.dll</c> runs under), as docs/shim.md lists them.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void RuntimeConfig_ShippedHost_DynamicPgoOff()
    {
        Assert.False(Property("System.Runtime.TieredPGO").GetBoolean());
    }

    [Fact]
    public void RuntimeConfig_ShippedHost_ThreadPoolWorkersDoNotSpin()
    {
        Assert.Equal(0, Property("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public void RuntimeConfig_ShippedHost_TieredCompilationNotTurnedOff()
    {
        // With tiering off, framework methods keep their ReadyToRun code and never get fully optimised.
        Assert.False(Properties().TryGetProperty("System.Runtime.TieredCompilation", out var tiered) && tiered.ValueKind == JsonValueKind.False);
    }

    private static JsonElement Property(string name)
    {
        Assert.True(Properties().TryGetProperty(name, out var value), $"runtimeconfig.json has no {name}");
        return value;
    }

    private static JsonElement Properties()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "HealthRecords.Chaincode.runtimeconfig.json")));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
