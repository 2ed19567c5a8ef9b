using System.Reflection;

namespace HealthRecords.Domain.Tests;

public sealed class DomainAssemblyTests
{
    [Fact]
    public void DomainAssembly_ReferencesNothingFromFabricOrGrpc()
    {
        var references = typeof(HealthRecordsService).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Fabric", StringComparison.OrdinalIgnoreCase)
            || n.Contains("Grpc", StringComparison.OrdinalIgnoreCase) || n.Contains("Protobuf", StringComparison.OrdinalIgnoreCase));
        Assert.All(references, n => Assert.True(n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard" || n == "HealthRecords.Contracts", n));
    }

    [Fact]
    public void ContractsAssembly_ReferencesOnlyDotNet()
    {
        var references = typeof(HealthRecordsJson).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Equal("HealthRecords.Contracts", typeof(HealthRecordsJson).Assembly.GetName().Name);
        Assert.All(references, n => Assert.True(n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard", n));
    }

    [Fact]
    public void ContractsAssembly_ExposesNoMutableContract()
    {
        // The records live in HealthRecords.Contracts (namespace unchanged since the split).
        var contracts = typeof(HealthRecordsJson).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "HealthRecords.Domain.Contracts" && !t.IsAbstract).ToList();
        Assert.NotEmpty(contracts);
        foreach (var property in contracts.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            var setter = property.SetMethod;
            Assert.True(setter is null || setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"), $"{property.DeclaringType!.Name}.{property.Name}");
        }
    }
}
